//! A heartbeat that ticks on the page's own thread: during a blocking call it visibly stops, and
//! it records the longest gap between ticks (a CSS animation would not stop: it runs off-thread).

use yew::prelude::*;

use crate::lesson::i18n::Lang;
use crate::web::hooks::use_heartbeat;

#[derive(Properties, PartialEq)]
pub struct HeartbeatProps {
    pub lang: Lang,
    /// A new run starts a new measurement of the longest gap.
    pub run_id: u64,
}

#[component]
pub fn Heartbeat(props: &HeartbeatProps) -> Html {
    let node = use_node_ref();
    use_heartbeat(&node, props.run_id);
    let label = if props.lang == Lang::Zh { "页面心跳" } else { "page heartbeat" };
    html! {
        <span class="heartbeat" ref={node} data-testid="heartbeat" data-beat="0" data-longest-gap-ms="0"
            title={label} aria-hidden="true"></span>
    }
}
