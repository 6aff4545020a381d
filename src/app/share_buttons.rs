//! "Copy link" and "Copy embed code": the clipboard when the browser allows it, otherwise the
//! text shown selected in a field, to copy by hand.

use yew::prelude::*;

use crate::lesson::i18n::Lang;
use crate::model::ui_text::UI;
use crate::web::hooks::use_copier;

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

#[component]
pub fn ShareButtons(props: &ShareButtonsProps) -> Html {
    let lang = props.lang;
    let copier = use_copier::<Copied>();
    let text_of = |what: Copied| match what {
        Copied::Link => props.link.clone(),
        Copied::EmbedCode => props.embed_code.clone(),
    };
    let copy = |what: Copied| {
        let text = text_of(what);
        copier.copy.reform(move |_: MouseEvent| (what, text.clone()))
    };
    let close = copier.close.reform(|_: MouseEvent| ());
    let status = match copier.copied {
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
            if let Some(what) = copier.by_hand {
                <div class="copy-by-hand" data-testid="copy-by-hand">
                    <label for="copy-field">{ UI.copy_by_hand.get(lang) }</label>
                    <textarea id="copy-field" data-testid="copy-field" readonly=true ref={copier.field.clone()}
                        rows={if what == Copied::EmbedCode { "4" } else { "2" }} value={text_of(what)} />
                    <button type="button" onclick={close}>{ UI.close.get(lang) }</button>
                </div>
            }
        </div>
    }
}
