//! Every word of the interface, in both languages, in one table.

use crate::lesson::i18n::Text;
use crate::lesson::Topic;
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
    pub running: Text,
    pub cancelled: Text,
    pub never_exits: Text,
    pub raised: Text,
    pub printed_nothing: Text,
    pub from_lesson: Text,
    pub language: Text,
    pub fix_fields: Text,
    pub scenarios: Text,
    pub search: Text,
    pub no_match: Text,
    pub code: Text,
    pub loading: Text,
    pub python_caption: Text,
    pub download_py: Text,
    pub stand_ins: Text,
    pub full_traceback: Text,
    pub notice_code_too_long: Text,
    pub notice_code_unreadable: Text,
    pub code_too_long_for_link: Text,
    pub cpython_run_yours: Text,
    pub cpython_yours: Text,
    pub edit: Text,
    pub edit_reset: Text,
    pub edit_close: Text,
    pub editor_label: Text,
    pub editor_loading: Text,
    pub edited_note: Text,
    pub cpython_heading: Text,
    pub cpython_run: Text,
    pub cpython_hint: Text,
    pub cpython_downloading: Text,
    pub cpython_running: Text,
    pub cpython_agrees: Text,
    pub cpython_differs: Text,
    pub cpython_failed: Text,
    pub cpython_cut: Text,
    pub ours: Text,
    pub stderr: Text,
    pub edit_literal: Text,
    pub ours_title: Text,
    pub rust_caption: Text,
    pub timeline: Text,
    pub wait_ready: Text,
    pub wait_blocking: Text,
    pub show: Text,
    pub all_variants: Text,
    pub copy_link: Text,
    pub copy_embed: Text,
    pub copied_link: Text,
    pub copied_embed: Text,
    pub copy_by_hand: Text,
    pub close: Text,
    pub open_in_playground: Text,
    pub to_dark: Text,
    pub to_light: Text,
    pub dark: Text,
    /// The embedded `<iframe>`'s title, for screen readers: `{title}` is the scenario's.
    pub iframe_title: Text,
    pub notice_unknown_scenario: Text,
    pub notice_unknown_param: Text,
    pub notice_unknown_lang: Text,
    pub notice_unknown_theme: Text,
    pub notice_unknown_variant: Text,
    pub notice_bad_flag: Text,
    pub notice_bad_value: Text,
    /// Console warnings for the developer of a page that embeds the playground.
    pub warn_not_object: Text,
    pub warn_no_type: Text,
    pub warn_unknown_type: Text,
    /// A draggable sleep bar's hint: `{param}` is the parameter it sets.
    pub drag_to_change: Text,
    /// A marked code line's count of tasks: `{count}`.
    pub tasks_count: Text,
    /// A marked code line, for screen readers: `{tasks}` are at line `{line}`.
    pub tasks_at_line: Text,
    pub warn_params_not_object: Text,
    pub warn_unknown_param: Text,
    pub warn_bad_value: Text,
    pub warn_cannot_run: Text,
    pub warn_foreign_window: Text,
    pub freeze_warning: Text,
    pub freeze_too_long: Text,
    pub heartbeat: Text,
    pub distorted_hidden: Text,
    pub distorted_late: Text,
    pub moved_line: Text,
    pub replay: Text,
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
    running: t!("运行中…", "running…"),
    cancelled: t!("已停止", "stopped"),
    never_exits: t!("永远不会结束：已没有任何东西能唤醒事件循环", "never finishes: nothing is left that could wake the loop"),
    raised: t!("以异常结束", "ended with an exception"),
    printed_nothing: t!("什么也没有打印", "printed nothing"),
    from_lesson: t!("出自", "From"),
    language: t!("语言", "Language"),
    fix_fields: t!("请先修正标红的值", "Fix the marked values first"),
    scenarios: t!("例子", "Lessons"),
    search: t!("搜索例子", "Search lessons"),
    no_match: t!("没有匹配的例子", "No lesson matches"),
    code: t!("代码", "Code"),
    loading: t!("载入中…", "loading…"),
    python_caption: t!("Python（CI 在 CPython 上运行的版本）", "Python (the version CI runs on CPython)"),
    download_py: t!("下载 .py", "Download .py"),
    stand_ins: t!("程序旁的替身（浏览器装不了的包、程序读的数据；教程的数值），import 先找到它们：", "Beside the program, found first by import (stand-ins for what a browser cannot install, and the data it reads; tutorial's values):"),
    full_traceback: t!("看完整的 traceback（在 CPython 上运行）", "See the full traceback (run on CPython)"),
    notice_code_too_long: t!("链接里的代码有 {kb} KB，超过了链接能带的 {max} KB：显示的是课程原来的代码。", "The link's code is {kb} KB, more than the {max} KB a link may carry: the lesson's own code is shown."),
    notice_code_unreadable: t!("链接里的代码（code=）读不出来：显示的是课程原来的代码。", "The link's code (code=) could not be read: the lesson's own code is shown."),
    code_too_long_for_link: t!("你的版本有 {kb} KB，超过了链接能带的 {max} KB：“复制链接”不会带上它。", "Your version is {kb} KB, more than the {max} KB a link may carry: Copy link leaves it out."),
    cpython_run_yours: t!("在 CPython 上运行我的版本", "Run my version on CPython"),
    cpython_yours: t!("你的版本，在 CPython 的虚拟时钟上：{t} 秒结束。", "Your version, on CPython's virtual clock: ended at {t} s."),
    edit: t!("编辑", "Edit"),
    edit_reset: t!("恢复文章的代码", "Reset to the article's code"),
    edit_close: t!("关闭编辑器", "Close the editor"),
    editor_label: t!("Python 代码编辑器", "Python code editor"),
    editor_loading: t!("正在加载编辑器……", "Loading the editor…"),
    edited_note: t!("你的版本：没有 Rust 孪生程序，只能在 CPython 上运行（下面）。", "Your version: it has no Rust twin, so it runs on CPython only (below)."),
    cpython_heading: t!("CPython 3.11（Pyodide，在页面里）", "CPython 3.11 (Pyodide, in the page)"),
    cpython_run: t!("在 CPython 上运行", "Run on CPython"),
    cpython_hint: t!("在页面里的真 CPython 上，用同样的虚拟时钟运行这段 Python：打印的全部内容（包括完整的 traceback），以及它和页面预测的比较。第一次要下载约 5.5 MB 的 Pyodide。", "Runs this Python on real CPython in the page, on the same virtual clock: everything it prints (full tracebacks included), and how it compares with the page's prediction. The first time downloads Pyodide, about 5.5 MB."),
    cpython_downloading: t!("正在下载 CPython 3.11（Pyodide）", "Downloading CPython 3.11 (Pyodide)"),
    cpython_running: t!("CPython 正在运行这个程序……", "CPython is running the program…"),
    cpython_agrees: t!("一致：CPython 在虚拟时钟上打印了同样的 {lines} 行，时间相同，结束方式也相同。", "Agrees: on the virtual clock CPython printed the same {lines} lines at the same times and ended the same way."),
    cpython_differs: t!("与页面的预测不同：", "Differs from the page's prediction:"),
    cpython_failed: t!("CPython 没能运行：", "CPython could not run:"),
    cpython_cut: t!("在 {t} 秒被截断：程序没有结束（虚拟时间、循环步数或输出行数到了上限：{seconds} 秒、{steps} 步、{lines} 行）。", "Cut at {t} s: the program did not end (a cap on virtual time, loop steps or lines written: {seconds} s, {steps} steps, {lines} lines)."),
    ours: t!("我们写的", "ours"),
    stderr: t!("写到 stderr（标准错误）", "written to stderr"),
    edit_literal: t!("{name} = {value}：左右拖动或按方向键改变，点一下去它的输入框", "{name} = {value}: drag sideways or use the arrow keys to change it, click to go to its field"),
    ours_title: t!("不是文章里的代码块：按文章的文字或代码写成，代码注释里有出处", "not one of the article's blocks: written from its words or code, as a comment in the code says"),
    rust_caption: t!("Rust（页面实际运行的代码）", "Rust (what the page runs)"),
    timeline: t!("每个任务的时间线", "timeline of every task"),
    wait_ready: t!("就绪，等待轮到它", "ready, waiting for its turn"),
    wait_blocking: t!("阻塞调用：整个事件循环被卡住", "blocking call: the whole loop is held"),
    show: t!("显示", "Show"),
    all_variants: t!("全部写法", "every variant"),
    copy_link: t!("复制链接", "Copy link"),
    copy_embed: t!("复制嵌入代码", "Copy embed code"),
    copied_link: t!("链接已复制", "Link copied"),
    copied_embed: t!("嵌入代码已复制", "Embed code copied"),
    copy_by_hand: t!(
        "浏览器不允许写入剪贴板。下面的文字已经选中，请按 Ctrl+C（Mac 上 ⌘C）复制：",
        "The browser refused the clipboard. The text below is selected: press Ctrl+C (⌘C on a Mac) to copy it."
    ),
    close: t!("关闭", "Close"),
    open_in_playground: t!("在游乐场中打开", "Open in the playground"),
    to_dark: t!("切换到深色主题", "Switch to the dark theme"),
    to_light: t!("切换到浅色主题", "Switch to the light theme"),
    dark: t!("深色", "Dark"),
    iframe_title: t!("协程游乐场：{title}", "Coroutine Playground: {title}"),
    notice_unknown_scenario: t!(
        "链接里的场景 “{id}” 不存在，已打开默认场景。",
        "The link names a scenario “{id}” that does not exist; opened the default one."
    ),
    notice_unknown_param: t!(
        "链接里的参数 “{key}” 不属于这个场景，已忽略。",
        "The link's parameter “{key}” is not one of this scenario's; ignored."
    ),
    notice_unknown_lang: t!(
        "链接里的语言 “{value}” 不支持（lang 可以是 zh 或 en）。",
        "The link's language “{value}” is not supported (lang is zh or en)."
    ),
    notice_unknown_theme: t!(
        "链接里的主题 “{value}” 不存在（theme 可以是 light 或 dark），已跟随系统设置。",
        "The link's theme “{value}” does not exist (theme is light or dark); following the system's."
    ),
    notice_unknown_variant: t!(
        "链接里的写法 “{value}” 不属于这个场景（可选：{names}），已显示全部写法。",
        "The link's variant “{value}” is not one of this scenario's ({names}); showing them all."
    ),
    notice_bad_flag: t!(
        "链接里的 {key}=“{value}” 无效（只能是 1 或 0），已按 0 处理。",
        "The link's {key}=“{value}” is invalid (it is 1 or 0); taken as 0."
    ),
    notice_bad_value: t!("链接里的 {key} 无效，已用默认值。{reason}", "The link's {key} is invalid; using the default. {reason}"),
    warn_not_object: t!(
        "[coroutine-playground] 已忽略一条消息：它不是 JSON 对象（应为 {\"type\": …}）。",
        "[coroutine-playground] ignored a message: it is not a JSON object (expected {\"type\": …})."
    ),
    warn_no_type: t!(
        "[coroutine-playground] 已忽略一条没有 “type” 字段的消息。",
        "[coroutine-playground] ignored a message without a “type” field."
    ),
    warn_unknown_type: t!(
        "[coroutine-playground] 已忽略类型为 “{type}” 的消息（可接受：run、stop、set-params）。",
        "[coroutine-playground] ignored a message of type “{type}” (accepted: run, stop, set-params)."
    ),
    warn_params_not_object: t!(
        "[coroutine-playground] set-params：“params” 必须是 {名称: 值} 形式的对象，整条消息已忽略。",
        "[coroutine-playground] set-params: “params” must be an object of {name: value}; message ignored."
    ),
    warn_unknown_param: t!(
        "[coroutine-playground] set-params：“{name}” 不是场景 {scenario} 的参数（可选：{names}），已忽略。",
        "[coroutine-playground] set-params: “{name}” is not a parameter of {scenario} ({names}); ignored."
    ),
    warn_bad_value: t!(
        "[coroutine-playground] set-params：已忽略 {name} = {value}。{reason}",
        "[coroutine-playground] set-params: ignored {name} = {value}. {reason}"
    ),
    warn_cannot_run: t!(
        "[coroutine-playground] run：已忽略，请先修正无效的值。{reasons}",
        "[coroutine-playground] run: ignored; fix the invalid values first. {reasons}"
    ),
    freeze_warning: t!(
        "注意：这次运行会让页面真的卡住 {seconds} 秒（time.sleep 占住了唯一的线程），心跳会停下；各个写法依次运行，互不干扰。",
        "Note: this run really freezes the page for {seconds} s (time.sleep holds the only thread) and the heartbeat stops; the variants run one after another so that none delays the others."
    ),
    freeze_too_long: t!(
        "这次运行会让页面卡住 {seconds} 秒，超过了 {max} 秒的上限：请把速度调到至少 ×{speed}。",
        "This run would freeze the page for {seconds} s, more than the {max} s allowed: raise the speed to at least ×{speed}."
    ),
    heartbeat: t!("页面心跳：卡住时会停", "page heartbeat: stops while the page is frozen"),
    replay: t!("回放到", "Replay at"),
    drag_to_change: t!("左右拖动可修改 {param}", "drag sideways to change {param}"),
    tasks_count: t!("{count} 个任务", "{count} tasks"),
    tasks_at_line: t!("{tasks} 停在第 {line} 行", "{tasks} at line {line}"),
    moved_line: t!("与另一种写法相比，这一行打印的位置变了", "printed at a different position than in another variant"),
    distorted_hidden: t!(
        "计时失真：运行时标签页被隐藏，浏览器会推迟计时器。这些时间不代表 asyncio 的表现，请在前台重新运行。",
        "Timing distorted: the tab was hidden during the run and the browser delayed its timers. These times are not what asyncio does; run it again in front."
    ),
    distorted_late: t!(
        "计时失真：计时器比预定时间晚了 {ms} 毫秒才触发（页面太忙或被节流）。这些时间不代表 asyncio 的表现。",
        "Timing distorted: a timer fired {ms} ms later than asked (the page was busy or throttled). These times are not what asyncio does."
    ),
    warn_foreign_window: t!(
        "[coroutine-playground] 已忽略一条来自其他窗口的消息：只接受嵌入本页的父页面（或本页自己）发来的命令。",
        "[coroutine-playground] ignored a message from another window: commands are accepted from the embedding page (or this page) only."
    ),
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
    use crate::lesson::i18n::Lang;

    /// A string left empty in one language is a missing translation.
    #[test]
    fn every_string_is_translated() {
        // Destructured, not listed: a field added to the table and left out here fails to compile.
        let UiText {
            app_title,
            tagline,
            run,
            stop,
            reset,
            speed,
            speed_hint,
            parameters,
            what_to_notice,
            elapsed,
            predicted,
            running,
            cancelled,
            never_exits,
            raised,
            printed_nothing,
            from_lesson,
            language,
            fix_fields,
            scenarios,
            search,
            no_match,
            code,
            loading,
            python_caption,
            download_py,
            stand_ins,
            full_traceback,
            notice_code_too_long,
            notice_code_unreadable,
            code_too_long_for_link,
            cpython_run_yours,
            cpython_yours,
            edit,
            edit_reset,
            edit_close,
            editor_label,
            editor_loading,
            edited_note,
            cpython_heading,
            cpython_run,
            cpython_hint,
            cpython_downloading,
            cpython_running,
            cpython_agrees,
            cpython_differs,
            cpython_failed,
            cpython_cut,
            ours,
            stderr,
            edit_literal,
            ours_title,
            rust_caption,
            timeline,
            wait_ready,
            wait_blocking,
            show,
            all_variants,
            copy_link,
            copy_embed,
            copied_link,
            copied_embed,
            copy_by_hand,
            close,
            open_in_playground,
            to_dark,
            to_light,
            dark,
            iframe_title,
            notice_unknown_scenario,
            notice_unknown_param,
            notice_unknown_lang,
            notice_unknown_theme,
            notice_unknown_variant,
            notice_bad_flag,
            notice_bad_value,
            warn_not_object,
            warn_no_type,
            warn_unknown_type,
            warn_params_not_object,
            warn_unknown_param,
            warn_bad_value,
            warn_cannot_run,
            warn_foreign_window,
            freeze_warning,
            freeze_too_long,
            heartbeat,
            distorted_hidden,
            distorted_late,
            moved_line,
            replay,
            tasks_count,
            tasks_at_line,
            drag_to_change,
        } = UI;
        let all = [
            app_title,
            tagline,
            run,
            stop,
            reset,
            speed,
            speed_hint,
            parameters,
            what_to_notice,
            elapsed,
            predicted,
            running,
            cancelled,
            never_exits,
            raised,
            printed_nothing,
            from_lesson,
            language,
            fix_fields,
            scenarios,
            search,
            no_match,
            code,
            loading,
            python_caption,
            download_py,
            stand_ins,
            full_traceback,
            notice_code_too_long,
            notice_code_unreadable,
            code_too_long_for_link,
            cpython_run_yours,
            cpython_yours,
            edit,
            edit_reset,
            edit_close,
            editor_label,
            editor_loading,
            edited_note,
            cpython_heading,
            cpython_run,
            cpython_hint,
            cpython_downloading,
            cpython_running,
            cpython_agrees,
            cpython_differs,
            cpython_failed,
            cpython_cut,
            ours,
            stderr,
            edit_literal,
            ours_title,
            rust_caption,
            timeline,
            wait_ready,
            wait_blocking,
            show,
            all_variants,
            copy_link,
            copy_embed,
            copied_link,
            copied_embed,
            copy_by_hand,
            close,
            open_in_playground,
            to_dark,
            to_light,
            dark,
            iframe_title,
            notice_unknown_scenario,
            notice_unknown_param,
            notice_unknown_lang,
            notice_unknown_theme,
            notice_unknown_variant,
            notice_bad_flag,
            notice_bad_value,
            warn_not_object,
            warn_no_type,
            warn_unknown_type,
            warn_params_not_object,
            warn_unknown_param,
            warn_bad_value,
            warn_cannot_run,
            warn_foreign_window,
            freeze_warning,
            freeze_too_long,
            heartbeat,
            distorted_hidden,
            distorted_late,
            moved_line,
            replay,
            tasks_count,
            tasks_at_line,
            drag_to_change,
        ];
        let all = all.into_iter().chain(TOPICS.map(topic));
        for text in all {
            assert!(!text.zh.trim().is_empty() && !text.en.trim().is_empty(), "{text:?}");
            assert_ne!(text.zh, text.en.to_lowercase(), "{text:?} looks untranslated");
            assert_eq!(text.placeholders(Lang::Zh), text.placeholders(Lang::En), "{text:?}: placeholders differ");
        }
        for scenario in crate::scenarios::CATALOGUE {
            for text in [scenario.title, scenario.lesson] {
                assert!(!text.zh.trim().is_empty() && !text.en.trim().is_empty(), "{}: {text:?}", scenario.id);
            }
            // Notices are files the page fetches; natively their text is compiled in.
            #[cfg(not(target_arch = "wasm32"))]
            {
                let (zh, en) = (scenario.notice.zh.text, scenario.notice.en.text);
                assert!(!zh.trim().is_empty() && !en.trim().is_empty(), "{}: its notice", scenario.id);
                assert_ne!(zh, en, "{}: its notice looks untranslated", scenario.id);
            }
            for spec in scenario.params {
                assert!(!spec.label.zh.is_empty() && !spec.label.en.is_empty(), "{}: {}", scenario.id, spec.name);
            }
        }
    }
}
