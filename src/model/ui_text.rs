//! Every word of the interface, in both languages, in one table.

use super::i18n::Text;
use crate::scenarios::Topic;
use crate::t;

pub struct UiText {
    pub app_title: Text,
    pub tagline: Text,
    pub run: Text,
    pub stop: Text,
    pub reset: Text,
    pub speed: Text,
    pub speed_hint: Text,
    pub parameters: Text,
    pub what_to_notice: Text,
    pub elapsed: Text,
    pub predicted: Text,
    pub measured: Text,
    pub running: Text,
    pub not_run: Text,
    pub cancelled: Text,
    pub never_exits: Text,
    pub raised: Text,
    pub from_lesson: Text,
    pub language: Text,
    pub python: Text,
    pub output: Text,
    pub fix_fields: Text,
    pub scenarios: Text,
    pub search: Text,
    pub no_match: Text,
}

pub const UI: UiText = UiText {
    app_title: t!("协程游乐场", "Coroutine Playground"),
    tagline: t!(
        "Python asyncio 的经典例子，在浏览器真实的事件循环上运行：看清每一行在何时、以何种顺序打印。",
        "The classic Python asyncio lessons, run on the browser's real event loop: see what prints, in which order, at which moment."
    ),
    run: t!("运行", "Run"),
    stop: t!("停止", "Stop"),
    reset: t!("恢复教程的值", "Reset to the tutorial's values"),
    speed: t!("速度", "Speed"),
    speed_hint: t!("教程秒 / 真实秒", "tutorial seconds per real second"),
    parameters: t!("参数", "Parameters"),
    what_to_notice: t!("注意看", "What to notice"),
    elapsed: t!("用时", "Elapsed"),
    predicted: t!("预测", "predicted"),
    measured: t!("实测", "measured"),
    running: t!("运行中…", "running…"),
    not_run: t!("尚未运行", "not run yet"),
    cancelled: t!("已停止", "stopped"),
    never_exits: t!("永远不会结束：已没有任何东西能唤醒事件循环", "never finishes: nothing is left that could wake the loop"),
    raised: t!("以异常结束", "ended with an exception"),
    from_lesson: t!("出自", "From"),
    language: t!("语言", "Language"),
    python: t!("Python 代码", "Python code"),
    output: t!("输出", "Output"),
    fix_fields: t!("请先修正标红的值", "Fix the marked values first"),
    scenarios: t!("例子", "Lessons"),
    search: t!("搜索例子", "Search lessons"),
    no_match: t!("没有匹配的例子", "No lesson matches"),
};

/// The picker's group titles, in the order of the tutorials.
pub fn topic(topic: Topic) -> Text {
    match topic {
        Topic::Basics => t!("基础", "Basics"),
        Topic::TasksAndGather => t!("任务与 gather", "Tasks and gather"),
        Topic::WaitingAndTimeouts => t!("等待与超时", "Waiting and timeouts"),
        Topic::Queues => t!("队列", "Queues"),
        Topic::GeneratorsAndIterators => t!("生成器与迭代器", "Generators and iterators"),
        Topic::ContextManagers => t!("上下文管理器", "Context managers"),
        Topic::CallbacksAndLoop => t!("回调与事件循环", "Callbacks and the loop"),
        Topic::BlockingAndThreads => t!("阻塞与线程", "Blocking and threads"),
        Topic::RealIo => t!("真实 I/O", "Real I/O"),
    }
}

/// Every topic, in picker order.
pub const TOPICS: [Topic; 9] = [
    Topic::Basics,
    Topic::TasksAndGather,
    Topic::WaitingAndTimeouts,
    Topic::Queues,
    Topic::GeneratorsAndIterators,
    Topic::ContextManagers,
    Topic::CallbacksAndLoop,
    Topic::BlockingAndThreads,
    Topic::RealIo,
];

#[cfg(test)]
mod tests {
    use super::*;

    /// A string left empty in one language is a missing translation.
    #[test]
    fn every_string_is_translated() {
        let all = [
            UI.app_title, UI.tagline, UI.run, UI.stop, UI.reset, UI.speed, UI.speed_hint, UI.parameters,
            UI.what_to_notice, UI.elapsed, UI.predicted, UI.measured, UI.running, UI.not_run, UI.cancelled,
            UI.never_exits, UI.raised, UI.from_lesson, UI.language, UI.python, UI.output, UI.fix_fields,
            UI.scenarios, UI.search, UI.no_match,
        ];
        let all = all.into_iter().chain(TOPICS.map(topic));
        for text in all {
            assert!(!text.zh.trim().is_empty() && !text.en.trim().is_empty(), "{text:?}");
            assert_ne!(text.zh, text.en.to_lowercase(), "{text:?} looks untranslated");
        }
        for scenario in crate::scenarios::CATALOGUE {
            for text in [scenario.title, scenario.notice, scenario.lesson] {
                assert!(!text.zh.trim().is_empty() && !text.en.trim().is_empty(), "{}: {text:?}", scenario.id);
            }
            for spec in scenario.params {
                assert!(!spec.label.zh.is_empty() && !spec.label.en.is_empty(), "{}: {}", scenario.id, spec.name);
            }
        }
    }
}
