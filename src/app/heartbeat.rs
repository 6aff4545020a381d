//! A heartbeat that ticks on the page's own thread: during a blocking call it visibly stops, and
//! it records the longest gap between ticks (a CSS animation would not stop: it runs off-thread).

use std::cell::Cell;
use std::rc::Rc;

use gloo_timers::callback::Interval;
use yew::prelude::*;

use crate::model::i18n::Lang;
use crate::web::clock::performance_now;

const TICK_MS: u32 = 50;

#[derive(Properties, PartialEq)]
pub struct HeartbeatProps {
    pub lang: Lang,
    /// A new run starts a new measurement of the longest gap.
    pub run_id: u64,
}

#[component]
pub fn Heartbeat(props: &HeartbeatProps) -> Html {
    let node = use_node_ref();
    let longest = use_mut_ref(|| Rc::new(Cell::new(0.0f64)));
    {
        let longest = longest.borrow().clone();
        use_effect_with(props.run_id, move |_| longest.set(0.0));
    }
    {
        let (node, longest) = (node.clone(), longest.borrow().clone());
        use_effect_with((), move |_| {
            let last = Cell::new(performance_now());
            let beat = Cell::new(false);
            let interval = Interval::new(TICK_MS, move || {
                let now = performance_now();
                longest.set(longest.get().max(now - last.replace(now)));
                beat.set(!beat.get());
                if let Some(element) = node.cast::<web_sys::Element>() {
                    let _ = element.set_attribute("data-beat", if beat.get() { "1" } else { "0" });
                    let _ = element.set_attribute("data-longest-gap-ms", &format!("{:.0}", longest.get()));
                }
            });
            move || drop(interval)
        });
    }
    let label = if props.lang == Lang::Zh { "页面心跳" } else { "page heartbeat" };
    html! {
        <span class="heartbeat" ref={node} data-testid="heartbeat" data-beat="0" data-longest-gap-ms="0"
            title={label} aria-hidden="true"></span>
    }
}
