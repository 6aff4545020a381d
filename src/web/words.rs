//! Fetching the interface's words (`lesson::words`): the page's language before the first drawing
//! (`lib::start`), the other one when the learner switches to it, or searches the lessons in both.

use crate::lesson::i18n::Lang;
use crate::lesson::words;

/// Brings `lang`'s words in, trying three times. Shared with any fetch of the same file already on
/// its way (the preload of index.html's script takes the first). A file of another build is not
/// fetched again: its name has this build's id, so no cache keeps an older one under it. Why they
/// did not come is also told the console.
pub async fn fetch(lang: Lang) -> Result<(), String> {
    let fetched = fetch_trying_three_times(lang).await;
    if let Err(why) = &fetched {
        web_sys::console::warn_1(&format!("[coroutine-playground] {why}").into());
    }
    fetched
}

async fn fetch_trying_three_times(lang: Lang) -> Result<(), String> {
    let path = words::path(lang);
    let mut why = String::new();
    for attempt in 0..3 {
        if attempt > 0 {
            gloo_timers::future::TimeoutFuture::new(500 * attempt).await;
        }
        match super::sources::source_file(path).await {
            Ok(text) => {
                return words::install(lang, text.to_string()).map_err(|refused| format!("{path}: {refused:?}"))
            }
            Err(failed) => why = failed,
        }
    }
    Err(why)
}

/// Fetches `lang`'s words once `wanted`, if they are not in: the component draws again when they
/// come.
#[yew::hook]
pub fn use_words(lang: Lang, wanted: bool) {
    let came = yew::use_state(|| false);
    yew::use_effect_with((lang, wanted), move |&(lang, wanted)| {
        if wanted && !words::loaded(lang) {
            wasm_bindgen_futures::spawn_local(async move {
                if fetch(lang).await.is_ok() {
                    came.set(true);
                }
            });
        }
    });
}
