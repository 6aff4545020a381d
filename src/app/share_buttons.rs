//! "Copy link" and "Copy embed code": the clipboard when the browser allows it, otherwise the
//! text shown selected in a field, to copy by hand.

use gloo_timers::callback::Timeout;
use yew::prelude::*;

use crate::model::i18n::Lang;
use crate::model::ui_text::UI;
use crate::web::embed::copy_text;

#[derive(Properties, PartialEq)]
pub struct ShareButtonsProps {
    /// The page's address with the whole state in its query.
    pub link: AttrValue,
    /// The `<iframe>` and `<script>` a tutorial pastes.
    pub embed_code: AttrValue,
    /// The language of the buttons and messages.
    pub lang: Lang,
}

#[derive(Clone, Copy, PartialEq)]
enum Copied {
    Link,
    EmbedCode,
}

/// How long "copied" stays after a copy.
const FEEDBACK_MS: u32 = 2500;

#[component]
pub fn ShareButtons(props: &ShareButtonsProps) -> Html {
    let lang = props.lang;
    let copied = use_state(|| None::<Copied>);
    let by_hand = use_state(|| None::<Copied>);
    let feedback_timer = use_mut_ref(|| None::<Timeout>);
    let field = use_node_ref();
    // The text to copy by hand is selected as soon as it is shown.
    {
        let field = field.clone();
        use_effect_with(*by_hand, move |shown| {
            if let (Some(_), Some(area)) = (shown, field.cast::<web_sys::HtmlTextAreaElement>()) {
                let _ = area.focus();
                area.select();
            }
        });
    }
    let text_of = |what: Copied| match what {
        Copied::Link => props.link.clone(),
        Copied::EmbedCode => props.embed_code.clone(),
    };
    let copy = |what: Copied| {
        let (copied, by_hand, feedback_timer, text) =
            (copied.clone(), by_hand.clone(), feedback_timer.clone(), text_of(what));
        Callback::from(move |_: MouseEvent| {
            let (copied, by_hand, feedback_timer, text) =
                (copied.clone(), by_hand.clone(), feedback_timer.clone(), text.clone());
            wasm_bindgen_futures::spawn_local(async move {
                if copy_text(&text).await.is_ok() {
                    by_hand.set(None);
                    copied.set(Some(what));
                    let clear = copied.clone();
                    *feedback_timer.borrow_mut() = Some(Timeout::new(FEEDBACK_MS, move || clear.set(None)));
                } else {
                    copied.set(None);
                    by_hand.set(Some(what));
                }
            });
        })
    };
    let close = {
        let by_hand = by_hand.clone();
        Callback::from(move |_: MouseEvent| by_hand.set(None))
    };
    let status = match *copied {
        Some(Copied::Link) => UI.copied_link.get(lang),
        Some(Copied::EmbedCode) => UI.copied_embed.get(lang),
        None => "",
    };
    html! {
        <div class="share">
            <button type="button" data-testid="copy-link" onclick={copy(Copied::Link)}>{ UI.copy_link.get(lang) }</button>
            <button type="button" data-testid="copy-embed" onclick={copy(Copied::EmbedCode)}>{ UI.copy_embed.get(lang) }</button>
            // Always there, empty or not: a live region must exist before what it announces.
            <span class="copied" role="status" data-testid="copied">{ (!status.is_empty()).then(|| format!("✓ {status}")) }</span>
            if let Some(what) = *by_hand {
                <div class="copy-by-hand" data-testid="copy-by-hand">
                    <label for="copy-field">{ UI.copy_by_hand.get(lang) }</label>
                    <textarea id="copy-field" data-testid="copy-field" readonly=true ref={field}
                        rows={if what == Copied::EmbedCode { "4" } else { "2" }} value={text_of(what)} />
                    <button type="button" onclick={close}>{ UI.close.get(lang) }</button>
                </div>
            }
        </div>
    }
}
