//! The scenario picker: lessons grouped by topic, filtered as you type, usable from the keyboard
//! (a list of links in a `<nav>`; arrow keys move between them).

use yew::prelude::*;

use crate::lesson::i18n::Lang;
use crate::lesson::Scenario;
use crate::model::ui_text::{topic, TOPICS, UI};
use crate::scenarios::CATALOGUE;
use crate::web::page::focus_along;
use crate::web::words::use_words;

#[derive(Properties, PartialEq)]
pub struct PickerProps {
    pub current: &'static str,
    pub lang: Lang,
    pub on_select: Callback<&'static Scenario>,
}

/// Whether a scenario matches the search text, by id or in either language whose words are in.
/// Case is folded for ASCII letters only: the titles are English and Chinese (which has no case),
/// and Unicode's full case tables would cost the page's download 3 KB for nothing.
fn matches(scenario: &Scenario, query: &str) -> bool {
    let query = query.trim().to_ascii_lowercase();
    let texts =
        [Lang::Zh, Lang::En].into_iter().flat_map(|lang| [scenario.title.try_get(lang), scenario.lesson.try_get(lang)]);
    query.is_empty()
        || std::iter::once(scenario.id).chain(texts.flatten()).any(|text| text.to_ascii_lowercase().contains(&query))
}

#[component]
pub fn Picker(props: &PickerProps) -> Html {
    let query = use_state(String::new);
    let lang = props.lang;
    // A search looks in both languages: the other's words are fetched with the first letter typed.
    use_words(lang.other(), !query.is_empty());
    let on_search = {
        let query = query.clone();
        Callback::from(move |e: InputEvent| {
            let input: web_sys::HtmlInputElement = e.target_unchecked_into();
            query.set(input.value());
        })
    };
    // Up and down arrows move focus along the visible entries.
    let on_key = Callback::from(|e: KeyboardEvent| {
        let step = match e.key().as_str() {
            "ArrowDown" => 1,
            "ArrowUp" => -1,
            _ => return,
        };
        e.prevent_default();
        focus_along(".picker a", step);
    });
    let groups = TOPICS.iter().filter_map(|t| {
        let members: Vec<&'static Scenario> =
            CATALOGUE.iter().copied().filter(|s| s.topic == *t && matches(s, &query)).collect();
        if members.is_empty() {
            return None;
        }
        Some(html! {
            <li class="topic">
                <h2>{ topic(*t).get(lang) }</h2>
                <ul>
                    { for members.into_iter().map(|scenario| {
                        let on_select = props.on_select.clone();
                        let current = scenario.id == props.current;
                        let onclick = Callback::from(move |e: MouseEvent| {
                            e.prevent_default();
                            on_select.emit(scenario);
                        });
                        html! {
                            <li>
                                <a href={format!("?s={}", scenario.id)} {onclick} data-testid={format!("pick-{}", scenario.id)}
                                    aria-current={current.then_some("page")} class={classes!(current.then_some("current"))}>
                                    <span class="pick-title">{ scenario.title.get(lang) }</span>
                                    <span class="pick-lesson">{ scenario.lesson.get(lang) }</span>
                                </a>
                            </li>
                        }
                    }) }
                </ul>
            </li>
        })
    }).collect::<Vec<_>>();
    html! {
        <nav class="picker" aria-label={UI.scenarios.get(lang)} onkeydown={on_key}>
            <input type="search" class="picker-search" data-testid="picker-search" placeholder={UI.search.get(lang)}
                aria-label={UI.search.get(lang)} value={(*query).clone()} oninput={on_search} />
            if groups.is_empty() {
                <p class="no-match">{ UI.no_match.get(lang) }</p>
            } else {
                <ul class="topics">{ for groups }</ul>
            }
        </nav>
    }
}
