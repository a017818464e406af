//! Tests of the whole UI: the App driven through actions and keys, and every pane drawn on an
//! 80x24 test terminal in English and French.

use std::path::PathBuf;
use std::sync::Arc;
use std::time::Duration;

use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use ratatui::buffer::Buffer;
use ratatui::style::{Color, Modifier};

use super::action::Action;
use super::app::{App, Overlay, Tab};
use super::panes::search::{SearchColumn, SearchFocus};
use super::panes::tasks::BarScale;
use super::panes::threshold::ThresholdInput;
use super::widgets::table::SortOrder;
use super::{AppData, BenchmarkData, TuiOptions, ui};
use crate::analysis::Index;
use crate::analysis::search::fuzzy_matches;
use crate::analysis::threshold::DEFAULT_THRESHOLD;
use crate::i18n::Lang;
use crate::model::{
    BenchmarkResult, Gated, HubTime, LinkRule, LinkedModel, Model, ModelType, ParamCount,
    ParamSource, Provenance, ReferenceModel, ResultOrigin, Tag,
};

pub(super) const B: u64 = 1_000_000_000;
pub(super) const M: u64 = 1_000_000;
/// A closed port on this host: a sync started by mistake fails here instead of reaching the Hub.
pub(super) const NO_HUB: &str = "http://127.0.0.1:9";
const HOSTILE_ID: &str = "evil/\u{1b}[31mred-model";

fn tag(kind: &str, value: &str) -> Tag {
    Tag {
        kind: kind.to_string().into(),
        value: value.to_string(),
        relation: None,
    }
}

fn base_model(relation: &str, id: &str) -> Tag {
    Tag {
        kind: "base_model".into(),
        value: id.to_string(),
        relation: Some(relation.to_string().into()),
    }
}

fn params(total: Option<u64>, source: ParamSource, approximate: bool) -> ParamCount {
    ParamCount::new(
        total,
        None,
        if total.is_some() {
            source
        } else {
            ParamSource::Unknown
        },
        approximate,
    )
}

pub(super) fn model(
    id: &str,
    total: Option<u64>,
    pipeline_tag: Option<&str>,
    downloads: u64,
    likes: u64,
    created: &str,
) -> Model {
    let mut model = Model::new(id);
    model.author = id.split('/').next().map(Into::into);
    model.pipeline_tag = pipeline_tag.map(Into::into);
    model.library_name = Some("transformers".into());
    model.created_at = HubTime::parse(&format!("{created}T10:00:00Z"));
    model.last_modified = HubTime::parse("2025-01-10T08:00:00Z");
    model.set_downloads(Some(downloads));
    model.set_downloads_all_time(Some(downloads * 20));
    model.set_likes(Some(likes));
    model.set_trending_score(Some(3.0));
    model.gated = Some(Gated::No);
    model.params = params(total, ParamSource::Safetensors, false);
    model.tags = pipeline_tag
        .map(|task| tag("tag", task))
        .into_iter()
        .collect();
    model.synthetic = crate::synth::is_synthetic_id(id);
    model
}

/// Sixteen models; at 7B: 6 SLM, 7 LLM, 3 unknown.
pub(super) fn models() -> Vec<Model> {
    let text = Some("text-generation");
    let mut qwen_small = model(
        "Qwen/Qwen2.5-0.5B-Instruct",
        Some(494 * M),
        text,
        2_500_000,
        300,
        "2024-09-16",
    );
    qwen_small.tags.extend([
        tag("tag", "conversational"),
        base_model("finetune", "Qwen/Qwen2.5-0.5B"),
        tag("license", "apache-2.0"),
        tag("language", "en"),
    ]);

    let mut llama = model(
        "meta-llama/Llama-3.1-8B-Instruct",
        Some(8_030 * M),
        text,
        5_000_000,
        4_000,
        "2024-07-18",
    );
    llama.gated = Some(Gated::Manual);
    llama.tags.push(tag("tag", "conversational"));

    let mut mixtral = model(
        "mistralai/Mixtral-8x7B-Instruct-v0.1",
        Some(46_700 * M),
        text,
        700_000,
        4_300,
        "2023-12-10",
    );
    mixtral.params.set_active(Some(12_900 * M));

    let mut gguf = model(
        "TheBloke/Mixtral-8x7B-v0.1-GGUF",
        Some(56 * B),
        None,
        90_000,
        400,
        "2023-12-11",
    );
    gguf.params = params(Some(56 * B), ParamSource::Name, true);

    let mut bert = model(
        "bert-base-uncased",
        Some(110 * M),
        Some("fill-mask"),
        50_000_000,
        2_200,
        "",
    );
    bert.created_before_tracking = true;
    bert.author = None;

    let mut minilm = model(
        "sentence-transformers/all-MiniLM-L6-v2",
        Some(22_700_000),
        Some("sentence-similarity"),
        80_000_000,
        3_500,
        "",
    );
    minilm.created_before_tracking = true;

    let mut hostile = model(HOSTILE_ID, Some(1_100 * M), text, 10, 1, "2025-02-01");
    hostile.params = params(Some(1_100 * M), ParamSource::Name, true);
    hostile.tags.push(tag("tag", "\u{1b}]0;pwned\u{7}medical"));

    let mut deepseek = model(
        "deepseek-ai/DeepSeek-V3",
        Some(671 * B),
        text,
        300_000,
        3_900,
        "2024-12-25",
    );
    deepseek.params.set_active(Some(37 * B));

    let mut gemma = model(
        "google/gemma-3-270m",
        Some(268 * M),
        text,
        400_000,
        500,
        "2025-08-14",
    );
    gemma.params = params(Some(270 * M), ParamSource::Reference, false);

    let mut sdxl = model(
        "stabilityai/stable-diffusion-xl-base-1.0",
        None,
        Some("text-to-image"),
        2_000_000,
        6_000,
        "2023-07-25",
    );
    sdxl.library_name = Some("diffusers".into());

    vec![
        qwen_small,
        model(
            "Qwen/Qwen2.5-7B-Instruct",
            Some(7_620 * M),
            text,
            1_800_000,
            700,
            "2024-09-16",
        ),
        llama,
        model(
            "meta-llama/Llama-3.1-70B-Instruct",
            Some(70_600 * M),
            text,
            900_000,
            800,
            "2024-07-16",
        ),
        gemma,
        model(
            "microsoft/phi-4",
            Some(14_700 * M),
            text,
            600_000,
            2_000,
            "2024-12-11",
        ),
        mixtral,
        gguf,
        bert,
        minilm,
        model(
            "openai/whisper-large-v3",
            Some(1_540 * M),
            Some("automatic-speech-recognition"),
            4_000_000,
            4_100,
            "2023-11-07",
        ),
        model(
            "unknown-org/mystery-model",
            None,
            text,
            1_000,
            2,
            "2025-03-01",
        ),
        model(
            "someone/tiny-classifier",
            None,
            Some("text-classification"),
            50,
            0,
            "2025-04-01",
        ),
        hostile,
        deepseek,
        sdxl,
    ]
}

/// Builds a leaderboard result of `model` with a size, no date, no type and no link.
pub(super) fn result(
    model: &str,
    benchmark: &str,
    metric: &str,
    score: f64,
    total: Option<u64>,
) -> BenchmarkResult {
    BenchmarkResult {
        model: model.to_string(),
        hub_id: None,
        benchmark: benchmark.to_string(),
        domain: crate::leaderboard::domain_of(benchmark).to_string(),
        metric: metric.to_string(),
        score,
        params_total: total,
        params_active: None,
        date: None,
        source: "generic-csv".to_string(),
        origin: ResultOrigin::Leaderboard,
        link: None,
        model_type: None,
        linked: None,
    }
}

/// Returns `result` with a model type and a date.
fn typed(mut result: BenchmarkResult, kind: ModelType, date: &str) -> BenchmarkResult {
    result.model_type = Some(kind);
    result.date = Some(date.to_string());
    result
}

/// Returns `result` as a row of the reference set.
fn from_reference(mut result: BenchmarkResult) -> BenchmarkResult {
    result.origin = ResultOrigin::Reference;
    result.source = "https://example.org/report".to_string();
    result.date = Some("2024-09".to_string());
    result
}

/// Eighteen results in six sets: HumanEval pass@1 (nine models), HumanEval pass@10, MedQA (two
/// LLMs at 7B), ANLI (a hostile name, unknown size), MNLI and IFEval.
///
/// HumanEval pass@1 at 7B: SLMs tiny-coder (494M through its linked Hub model, 35),
/// Qwen2.5-Coder-1.5B (70) and gemma-2-2b (20); LLMs Qwen2.5-Coder-7B (88), Llama-3.1-8B (72),
/// Phi-4 (82), DeepSeek-Coder-V2-Lite (MoE, 81) and Llama-3-70B (81.5); Mystery Coder (90) of
/// unknown size. At 14B, Qwen2.5-Coder-7B and Llama-3.1-8B become SLMs.
pub(super) fn benchmarks() -> Vec<BenchmarkResult> {
    const PASS: &str = "pass@1";
    let mut coder_7b = typed(
        result("Qwen2.5-Coder-7B", "HumanEval", PASS, 88.0, Some(7_620 * M)),
        ModelType::Chat,
        "2024-09-19",
    );
    coder_7b.hub_id = Some("Qwen/Qwen2.5-Coder-7B-Instruct".to_string());
    let mut deepseek = typed(
        result(
            "DeepSeek-Coder-V2-Lite",
            "HumanEval",
            PASS,
            81.0,
            Some(15_700 * M),
        ),
        ModelType::Moe,
        "2024-06-17",
    );
    deepseek.params_active = Some(2_400 * M);
    let mut tiny = typed(
        result("tiny-coder", "HumanEval", PASS, 35.0, Some(B)),
        ModelType::FineTuned,
        "2025-01-10",
    );
    tiny.link = Some("https://huggingface.co/org/tiny-coder".to_string());
    tiny.linked = Some(LinkedModel {
        id: "org/tiny-coder".to_string(),
        rule: LinkRule::Link,
        params: params(Some(494 * M), ParamSource::Safetensors, false),
    });
    let mut deberta = from_reference(result(
        "DeBERTa-v3-base",
        "MNLI",
        "accuracy",
        90.6,
        Some(184 * M),
    ));
    deberta.origin = ResultOrigin::ModelIndex;
    let mut mixtral = typed(
        result(
            "mistralai/Mixtral-8x7B-Instruct-v0.1",
            "IFEval",
            "normalized score (%)",
            55.99,
            Some(46_703 * M),
        ),
        ModelType::Moe,
        "2023-12-10",
    );
    mixtral.params_active = Some(12_900 * M);

    vec![
        typed(
            result(
                "Qwen2.5-Coder-1.5B",
                "HumanEval",
                PASS,
                70.0,
                Some(1_540 * M),
            ),
            ModelType::Chat,
            "2024-09-19",
        ),
        coder_7b,
        typed(
            result("Llama-3.1-8B", "HumanEval", PASS, 72.0, Some(8_030 * M)),
            ModelType::Chat,
            "2024-07-23",
        ),
        typed(
            result("Phi-4", "HumanEval", PASS, 82.0, Some(14_700 * M)),
            ModelType::Chat,
            "2024-12-12",
        ),
        deepseek,
        typed(
            result("Llama-3-70B", "HumanEval", PASS, 81.5, Some(70_600 * M)),
            ModelType::Pretrained,
            "2024-04-18",
        ),
        typed(
            result("gemma-2-2b", "HumanEval", PASS, 20.0, Some(2_610 * M)),
            ModelType::Pretrained,
            "2024-07-31",
        ),
        result("Mystery Coder", "HumanEval", PASS, 90.0, None),
        tiny,
        typed(
            result(
                "Qwen2.5-Coder-7B",
                "HumanEval",
                "pass@10",
                95.0,
                Some(7_620 * M),
            ),
            ModelType::Chat,
            "2024-09-19",
        ),
        from_reference(result(
            "Llama 3.1 8B",
            "MedQA",
            "accuracy",
            62.3,
            Some(8_030 * M),
        )),
        from_reference(result(
            "Meditron-70B",
            "MedQA",
            "accuracy",
            70.2,
            Some(70 * B),
        )),
        deberta,
        from_reference(result(
            "Mystery NLI",
            "ANLI\u{1b}[2J",
            "accuracy",
            0.55,
            None,
        )),
        typed(
            result(
                "Qwen/Qwen2.5-7B-Instruct",
                "IFEval",
                "normalized score (%)",
                75.85,
                Some(7_616 * M),
            ),
            ModelType::Chat,
            "2024-09-18",
        ),
        typed(
            result(
                "01-ai/Yi-1.5-34B-Chat",
                "IFEval",
                "normalized score (%)",
                60.67,
                Some(34_389 * M),
            ),
            ModelType::Chat,
            "2024-05-15",
        ),
        typed(
            result(
                "Qwen/Qwen2.5-0.5B-Instruct",
                "IFEval",
                "normalized score (%)",
                31.53,
                Some(494 * M),
            ),
            ModelType::Chat,
            "2024-09-19",
        ),
        mixtral,
    ]
}

fn reference() -> Vec<ReferenceModel> {
    vec![ReferenceModel {
        hub_id: "google/gemma-3-270m".to_string(),
        organisation: "Google".to_string(),
        params: 270 * M,
        size_word: "compact".to_string(),
        release_date: "2025-08-14".to_string(),
        pipeline_tag: "text-generation".to_string(),
        source: "https://example.org/gemma".to_string(),
    }]
}

pub(super) fn data(models: Vec<Model>) -> AppData {
    AppData {
        index: Arc::new(Index::build(models)),
        benchmarks: BenchmarkData::new(benchmarks()),
        reference: reference(),
        history: Arc::default(),
        provenance: Provenance::default(),
        cache_path: PathBuf::from("/home/lab/.cache/slmscope/cache.db"),
    }
}

/// Returns the options of a test run: the default threshold, colours, no Hub, no filter file.
pub(super) fn options(lang: Lang) -> TuiOptions {
    TuiOptions {
        lang,
        threshold: DEFAULT_THRESHOLD,
        color: true,
        sync_endpoint: Some(NO_HUB.to_string()),
        filters_path: None,
        export_dir: None,
        notice: None,
        theme: super::ThemeName::Dark,
        keymap: super::Keymap::default(),
        mouse: false,
    }
}

fn app_with(lang: Lang, color: bool) -> App {
    App::new(
        data(models()),
        TuiOptions {
            lang,
            threshold: DEFAULT_THRESHOLD,
            color,
            sync_endpoint: Some(NO_HUB.to_string()),
            filters_path: None,
            export_dir: None,
            notice: None,
            theme: super::ThemeName::Dark,
            keymap: super::Keymap::default(),
            mouse: false,
        },
    )
}

pub(super) fn app(lang: Lang) -> App {
    app_with(lang, true)
}

pub(super) fn press(app: &mut App, code: KeyCode) -> bool {
    app.on_key(&KeyEvent::new(code, KeyModifiers::NONE))
}

fn ctrl(app: &mut App, c: char) -> bool {
    app.on_key(&KeyEvent::new(KeyCode::Char(c), KeyModifiers::CONTROL))
}

pub(super) fn type_text(app: &mut App, text: &str) {
    for c in text.chars() {
        press(app, KeyCode::Char(c));
    }
}

/// The maximum time a test waits for a pane's work off the UI thread, far above what the
/// fixtures need, so that only a job that never ends fails a test.
pub(super) const PANE_WORK_WAIT: Duration = Duration::from_secs(30);

/// Draws the app, then, while the drawn pane computes its figures off the UI thread, waits for
/// them and draws again, so that the screen shows the figures.
pub(super) fn draw(app: &mut App, width: u16, height: u16) -> Buffer {
    let mut terminal = Terminal::new(TestBackend::new(width, height)).unwrap();
    terminal.draw(|frame| ui::draw(frame, app)).unwrap();
    while app.is_computing() {
        assert!(
            app.wait_for_panes(PANE_WORK_WAIT),
            "the pane's work ends within {PANE_WORK_WAIT:?}"
        );
        terminal.draw(|frame| ui::draw(frame, app)).unwrap();
    }
    terminal.backend().buffer().clone()
}

/// Draws the app once, without waiting for the work a pane runs off the UI thread.
pub(super) fn draw_now(app: &mut App, width: u16, height: u16) -> Buffer {
    let mut terminal = Terminal::new(TestBackend::new(width, height)).unwrap();
    terminal.draw(|frame| ui::draw(frame, app)).unwrap();
    terminal.backend().buffer().clone()
}

/// Returns the screen as text, one line per row, without trailing spaces.
pub(super) fn text(buffer: &Buffer) -> String {
    let area = buffer.area;
    (0..area.height)
        .map(|y| {
            let row: String = (0..area.width)
                .map(|x| buffer[(x, y)].symbol().to_string())
                .collect();
            row.trim_end().to_string()
        })
        .collect::<Vec<_>>()
        .join("\n")
}

pub(super) fn screen(app: &mut App) -> String {
    text(&draw(app, 80, 24))
}

pub(super) fn ids(app: &App) -> Vec<String> {
    let models = app.data.index.models();
    app.search
        .results
        .iter()
        .map(|&index| models[index].id.to_string())
        .collect()
}

// ---- state, driven through actions and keys ----

#[test]
fn tabs_switch_with_tab_backtab_and_digits() {
    let mut app = app(Lang::En);
    assert_eq!(app.tab, Tab::Search);
    assert!(press(&mut app, KeyCode::Tab));
    assert_eq!(app.tab, Tab::Threshold);
    assert!(press(&mut app, KeyCode::BackTab));
    assert!(press(&mut app, KeyCode::BackTab));
    assert_eq!(app.tab, Tab::Compare);
    assert!(press(&mut app, KeyCode::BackTab));
    assert_eq!(app.tab, Tab::Trends);
    assert!(press(&mut app, KeyCode::BackTab));
    assert_eq!(app.tab, Tab::Benchmarks);
    assert!(press(&mut app, KeyCode::Char('3')));
    assert_eq!(app.tab, Tab::Tasks);
    assert!(
        !press(&mut app, KeyCode::Char('3')),
        "same tab: nothing to redraw"
    );
    assert!(app.handle(Action::GoTo(Tab::Search)));
    assert_eq!(app.tab, Tab::Search);
}

#[test]
fn leaving_search_stops_typing() {
    let mut app = app(Lang::En);
    press(&mut app, KeyCode::Char('/'));
    type_text(&mut app, "phi");
    assert!(press(&mut app, KeyCode::Tab));
    assert_eq!(app.tab, Tab::Threshold);
    press(&mut app, KeyCode::BackTab);
    assert_eq!(app.search.focus, SearchFocus::Results);
    assert_eq!(app.search.query.text(), "phi");
}

#[test]
fn q_and_ctrl_c_quit() {
    let mut app = app(Lang::En);
    press(&mut app, KeyCode::Char('q'));
    assert!(app.should_quit());

    let mut app = super::tests::app(Lang::En);
    press(&mut app, KeyCode::Char('/'));
    ctrl(&mut app, 'c');
    assert!(app.should_quit());
}

#[test]
fn threshold_steps_from_any_pane() {
    let mut app = app(Lang::En);
    assert!(press(&mut app, KeyCode::Char('+')));
    assert_eq!(app.threshold, 8 * B);
    assert!(press(&mut app, KeyCode::Char('[')));
    assert!(press(&mut app, KeyCode::Char('-')));
    assert_eq!(app.threshold, 4 * B);

    press(&mut app, KeyCode::Char('2'));
    assert!(press(&mut app, KeyCode::Right));
    assert_eq!(app.threshold, 7 * B);
    assert!(press(&mut app, KeyCode::Char('h')));
    assert_eq!(app.threshold, 4 * B);
    assert!(press(&mut app, KeyCode::Char('G')));
    assert_eq!(app.threshold, 1_000 * B);
    assert!(!press(&mut app, KeyCode::Right), "already at the last step");
    assert!(press(&mut app, KeyCode::Char('g')));
    assert_eq!(app.threshold, 100 * M);
}

#[test]
fn typed_threshold_previews_then_applies() {
    let mut app = app(Lang::En);
    press(&mut app, KeyCode::Char('2'));
    assert!(press(&mut app, KeyCode::Enter));
    type_text(&mut app, "1.5b");
    assert_eq!(app.threshold, 7 * B, "not applied before Enter");
    assert_eq!(
        app.effective_threshold(),
        1_500 * M,
        "previewed while typing"
    );
    assert_eq!(app.data.index.split(app.effective_threshold()).slm.count, 5);

    assert!(press(&mut app, KeyCode::Enter));
    assert_eq!(app.threshold, 1_500 * M);
    assert_eq!(app.threshold_pane.input, ThresholdInput::Idle);
}

#[test]
fn invalid_threshold_shows_an_error_and_esc_cancels() {
    let mut app = app(Lang::En);
    press(&mut app, KeyCode::Char('2'));
    press(&mut app, KeyCode::Enter);
    type_text(&mut app, "7x");
    assert_eq!(app.effective_threshold(), 7 * B);
    assert!(
        !press(&mut app, KeyCode::Enter),
        "Enter on an invalid value changes nothing"
    );
    assert!(matches!(
        app.threshold_pane.input,
        ThresholdInput::Editing(_)
    ));
    assert!(screen(&mut app).contains("✗ not a size: write 7B, 1.5b, 500M or 1T"));

    // Global keys are typed text while editing: `q` does not quit, `+` does not step.
    type_text(&mut app, "q+");
    assert!(!app.should_quit());
    assert_eq!(app.threshold, 7 * B);

    assert!(press(&mut app, KeyCode::Esc));
    assert_eq!(app.threshold_pane.input, ThresholdInput::Idle);
    assert_eq!(app.threshold, 7 * B);
}

#[test]
fn typed_zero_asks_for_a_size_above_zero() {
    let mut app = app(Lang::En);
    press(&mut app, KeyCode::Char('2'));
    press(&mut app, KeyCode::Char('/'));
    type_text(&mut app, "0.");
    let shown = screen(&mut app);
    assert!(
        shown.contains("Threshold › 0.   go on typing a size above 0, such as 0.5B"),
        "{shown}"
    );
    assert!(!shown.contains("0M, 0B"), "no unit makes 0 a size: {shown}");
    type_text(&mut app, "5B");
    assert_eq!(app.threshold_pane.preview(), Some(500_000_000));
}

#[test]
fn partial_threshold_is_not_previewed() {
    let mut app = app(Lang::En);
    press(&mut app, KeyCode::Char('2'));
    press(&mut app, KeyCode::Char('/'));
    type_text(&mut app, "1");
    assert_eq!(app.threshold_pane.preview(), None);
    assert_eq!(
        app.effective_threshold(),
        7 * B,
        "the applied threshold stays drawn"
    );
    let shown = screen(&mut app);
    assert!(
        shown.contains("Threshold › 1   add a unit: 1M, 1B or 1T"),
        "{shown}"
    );
    assert!(shown.contains("SLM under 7B"), "{shown}");
    assert!(!shown.contains("SLM under 1 "), "{shown}");
    assert!(!shown.contains("preview"), "{shown}");
    assert!(
        !shown.contains('✗'),
        "no error while a unit is missing: {shown}"
    );

    assert!(!press(&mut app, KeyCode::Enter), "Enter waits for the unit");
    assert_eq!(app.threshold, 7 * B);
    assert!(matches!(
        app.threshold_pane.input,
        ThresholdInput::Editing(_)
    ));

    type_text(&mut app, ".5");
    assert_eq!(
        app.threshold_pane.preview(),
        None,
        "1.5 still lacks its unit"
    );
    type_text(&mut app, "B");
    assert_eq!(app.effective_threshold(), 1_500 * M);
    assert!(screen(&mut app).contains("→ 1.5B"));
}

#[test]
fn bare_counts_from_a_million_still_preview() {
    let mut app = app(Lang::En);
    press(&mut app, KeyCode::Char('2'));
    press(&mut app, KeyCode::Enter);
    type_text(&mut app, "999999");
    assert_eq!(app.threshold_pane.preview(), None);
    type_text(&mut app, "0");
    assert_eq!(app.effective_threshold(), 9_999_990);
    assert!(press(&mut app, KeyCode::Enter));
    assert_eq!(app.threshold, 9_999_990);
}

#[test]
fn partial_threshold_hint_in_french() {
    let mut app = app(Lang::Fr);
    press(&mut app, KeyCode::Char('2'));
    press(&mut app, KeyCode::Char('/'));
    type_text(&mut app, "7");
    let shown = screen(&mut app);
    assert!(
        shown.contains("ajoutez une unité : 7M, 7B ou 7T"),
        "{shown}"
    );
    assert!(!shown.contains("aperçu"), "{shown}");
}

#[test]
fn out_of_range_threshold_is_explained_in_french() {
    let mut app = app(Lang::Fr);
    press(&mut app, KeyCode::Char('2'));
    press(&mut app, KeyCode::Enter);
    type_text(&mut app, "1000T");
    assert!(screen(&mut app).contains("hors limites : au-dessus de 0, jusqu'à 100T"));
}

#[test]
fn search_narrows_as_the_user_types() {
    let mut app = app(Lang::En);
    assert_eq!(app.search.results.len(), 16);
    assert!(press(&mut app, KeyCode::Char('/')));
    assert_eq!(app.search.focus, SearchFocus::Query);
    type_text(&mut app, "llama");
    let found = ids(&app);
    assert_eq!(
        found,
        vec![
            "meta-llama/Llama-3.1-8B-Instruct",
            "meta-llama/Llama-3.1-70B-Instruct"
        ]
    );
    assert!(!app.should_quit());

    type_text(&mut app, "70");
    assert_eq!(ids(&app), vec!["meta-llama/Llama-3.1-70B-Instruct"]);
    press(&mut app, KeyCode::Backspace);
    press(&mut app, KeyCode::Backspace);
    assert_eq!(ids(&app).len(), 2, "deleting widens the results again");
    ctrl(&mut app, 'u');
    assert_eq!(ids(&app).len(), 16);
}

#[test]
fn search_terms_must_all_match() {
    let mut app = app(Lang::En);
    press(&mut app, KeyCode::Char('/'));
    type_text(&mut app, "llama 70");
    assert_eq!(ids(&app), vec!["meta-llama/Llama-3.1-70B-Instruct"]);
    type_text(&mut app, " zzz");
    assert!(ids(&app).is_empty());
}

#[test]
fn search_matches_cleaned_hostile_id() {
    let mut app = app(Lang::En);
    press(&mut app, KeyCode::Char('/'));
    type_text(&mut app, "evilred");
    assert_eq!(ids(&app), vec![HOSTILE_ID]);
    type_text(&mut app, "31m");
    assert!(
        ids(&app).is_empty(),
        "escape sequence bytes are not searchable"
    );
}

#[test]
fn search_keeps_the_models_of_models_query() {
    let models = models();
    for query in [
        "QWEN",
        "Llama 70",
        "qwen 7b",
        "MIXTRAL gguf",
        "evilred",
        "i-l",
        "zzz",
    ] {
        let mut app = app(Lang::En);
        press(&mut app, KeyCode::Char('/'));
        // Compare at every keystroke, so the narrowing of a growing query is checked too.
        for end in 1..=query.len() {
            type_text(&mut app, &query[end - 1..end]);
            let typed = &query[..end];
            let mut expected: Vec<String> = fuzzy_matches(&models, typed)
                .into_iter()
                .map(|index| models[index].id.to_string())
                .collect();
            expected.sort();
            let mut found = ids(&app);
            found.sort();
            assert_eq!(found, expected, "query {typed:?}");
        }
    }
}

#[test]
fn search_ignores_case_like_the_cli() {
    let mut app = app(Lang::En);
    press(&mut app, KeyCode::Char('/'));
    type_text(&mut app, "QWEN");
    assert_eq!(ids(&app).len(), 2, "{:?}", ids(&app));
}

#[test]
fn search_highlights_matched_characters() {
    let mut app = app_with(Lang::En, false);
    press(&mut app, KeyCode::Char('/'));
    type_text(&mut app, "PHI");
    let buffer = draw(&mut app, 80, 24);
    let screen = text(&buffer);
    let row = screen
        .lines()
        .position(|line| line.starts_with("microsoft/phi-4"))
        .expect("phi-4 listed") as u16;
    let underlined: String = (0..15)
        .filter(|&x| buffer[(x, row)].modifier.contains(Modifier::UNDERLINED))
        .map(|x| buffer[(x, row)].symbol().to_string())
        .collect();
    assert_eq!(underlined, "phi");
}

#[test]
fn esc_stops_typing_and_then_clears_the_query() {
    let mut app = app(Lang::En);
    press(&mut app, KeyCode::Char('/'));
    type_text(&mut app, "qwen");
    assert!(press(&mut app, KeyCode::Esc));
    assert_eq!(app.search.focus, SearchFocus::Results);
    assert_eq!(ids(&app).len(), 2, "the query stays");
    assert!(press(&mut app, KeyCode::Esc));
    assert_eq!(ids(&app).len(), 16);
    assert!(!press(&mut app, KeyCode::Esc), "nothing left to clear");
}

#[test]
fn sort_cycles_columns_and_flips_order() {
    let mut app = app(Lang::En);
    assert_eq!(app.search.sort.column, SearchColumn::Downloads);
    assert_eq!(ids(&app)[0], "sentence-transformers/all-MiniLM-L6-v2");

    press(&mut app, KeyCode::Char('s'));
    assert_eq!(app.search.sort.column, SearchColumn::Likes);
    assert_eq!(ids(&app)[0], "stabilityai/stable-diffusion-xl-base-1.0");

    press(&mut app, KeyCode::Char('s'));
    assert_eq!(app.search.sort.column, SearchColumn::Created);
    assert_eq!(ids(&app)[0], "google/gemma-3-270m");

    press(&mut app, KeyCode::Char('s'));
    assert_eq!(app.search.sort.column, SearchColumn::Params);
    assert_eq!(ids(&app)[0], "deepseek-ai/DeepSeek-V3");

    press(&mut app, KeyCode::Char('r'));
    assert_eq!(app.search.sort.order, SortOrder::Ascending);
    let ascending = ids(&app);
    assert_eq!(ascending[0], "sentence-transformers/all-MiniLM-L6-v2");
    let unknown_tail = &ascending[13..];
    assert_eq!(
        unknown_tail,
        [
            "someone/tiny-classifier",
            "stabilityai/stable-diffusion-xl-base-1.0",
            "unknown-org/mystery-model"
        ],
        "unknown sizes come last in both directions"
    );
}

#[test]
fn created_before_tracking_sorts_oldest() {
    let mut app = app(Lang::En);
    app.handle(Action::CycleSort);
    app.handle(Action::CycleSort);
    app.handle(Action::FlipOrder);
    let oldest: Vec<String> = ids(&app).into_iter().take(2).collect();
    assert_eq!(
        oldest,
        [
            "bert-base-uncased",
            "sentence-transformers/all-MiniLM-L6-v2"
        ]
    );
}

#[test]
fn sort_goes_back_to_the_top() {
    let mut app = app(Lang::En);
    press(&mut app, KeyCode::Char('G'));
    draw(&mut app, 80, 16);
    assert!(app.search.cursor.offset > 0, "scrolled down before sorting");

    assert!(press(&mut app, KeyCode::Char('s')));
    assert_eq!(app.search.cursor.selected, 0);
    assert_eq!(app.search.cursor.offset, 0);
    assert_eq!(app.search.selected_model(), Some(app.search.results[0]));

    press(&mut app, KeyCode::Char('j'));
    press(&mut app, KeyCode::Char('j'));
    assert!(press(&mut app, KeyCode::Char('r')));
    assert_eq!(app.search.cursor.selected, 0);
    let screen = text(&draw(&mut app, 80, 16));
    let first_row = screen.lines().nth(3).unwrap();
    assert!(
        first_row.starts_with(&ids(&app)[0]),
        "first result drawn on the first row: {first_row:?}"
    );
}

#[test]
fn search_shows_the_position() {
    let mut app = app(Lang::En);
    assert!(screen(&mut app).contains("1 / 16 · 16 models"));
    press(&mut app, KeyCode::Char('j'));
    press(&mut app, KeyCode::Char('j'));
    assert!(screen(&mut app).contains("3 / 16 · 16 models"));
    press(&mut app, KeyCode::Char('G'));
    assert!(screen(&mut app).contains("16 / 16 · 16 models"));

    press(&mut app, KeyCode::Char('/'));
    type_text(&mut app, "llama");
    assert!(screen(&mut app).contains("1 / 2 · 2 of 16 models"));
    press(&mut app, KeyCode::Down);
    assert!(screen(&mut app).contains("2 / 2 · 2 of 16 models"));
    type_text(&mut app, "zzz");
    let empty = screen(&mut app);
    assert!(empty.contains("0 of 16 models"), "{empty}");
    assert!(!empty.contains("1 / 0"), "{empty}");
}

#[test]
fn search_position_in_french() {
    let mut app = app(Lang::Fr);
    press(&mut app, KeyCode::Char('/'));
    type_text(&mut app, "qwen");
    assert!(screen(&mut app).contains("1 / 2 · 2 sur 16 modèles"));
}

#[test]
fn detail_opens_on_enter_and_closes_on_esc() {
    let mut app = app(Lang::En);
    press(&mut app, KeyCode::Char('/'));
    type_text(&mut app, "bert");
    assert!(press(&mut app, KeyCode::Enter));
    let SearchFocus::Detail(detail) = app.search.focus else {
        panic!("detail did not open: {:?}", app.search.focus);
    };
    assert_eq!(
        &*app.data.index.models()[detail.model].id,
        "bert-base-uncased"
    );
    assert!(press(&mut app, KeyCode::Esc));
    assert_eq!(app.search.focus, SearchFocus::Results);
}

#[test]
fn enter_on_no_result_opens_nothing() {
    let mut app = app(Lang::En);
    press(&mut app, KeyCode::Char('/'));
    type_text(&mut app, "zzzz");
    assert!(!press(&mut app, KeyCode::Enter));
    assert_eq!(app.search.focus, SearchFocus::Query);
}

#[test]
fn help_toggles_and_esc_closes_it() {
    let mut app = app(Lang::En);
    assert!(press(&mut app, KeyCode::Char('?')));
    assert!(matches!(app.overlay, Overlay::Help(_)));
    assert!(press(&mut app, KeyCode::Char('?')));
    assert_eq!(app.overlay, Overlay::None);
    press(&mut app, KeyCode::Char('?'));
    assert!(press(&mut app, KeyCode::Esc));
    assert_eq!(app.overlay, Overlay::None);
}

#[test]
fn edge_moves_skip_redraw() {
    let mut app = app(Lang::En);
    assert!(!press(&mut app, KeyCode::Up));
    assert!(!press(&mut app, KeyCode::Char('x')));
    assert!(press(&mut app, KeyCode::Char('G')));
    assert_eq!(app.search.cursor.selected, 15);
    assert!(!press(&mut app, KeyCode::Down));
    assert!(press(&mut app, KeyCode::PageUp));
}

#[test]
fn tasks_scale_toggles_and_selection_moves() {
    let mut app = app(Lang::En);
    press(&mut app, KeyCode::Char('3'));
    assert_eq!(app.tasks.scale, BarScale::Share);
    assert!(press(&mut app, KeyCode::Char('n')));
    assert_eq!(app.tasks.scale, BarScale::Count);
    assert!(press(&mut app, KeyCode::Char('j')));
    assert_eq!(app.tasks.cursor.selected, 1);
}

// ---- drawing at 80x24 ----

#[test]
fn search_pane_en() {
    let mut app = app(Lang::En);
    let screen = screen(&mut app);
    insta::assert_snapshot!("search_en", screen);
    assert!(screen.contains("downloads ▼"), "sort shown in the header");
    assert!(screen.contains("evil/red-model"), "hostile id cleaned");
    assert!(screen.contains("~1.1B"), "approximate count marked");
    assert!(screen.contains("Threshold 7B │ SLM 6 │ LLM 7 │ unknown 3"));
    assert!(screen.contains("? help"));
}

#[test]
fn search_pane_fr() {
    let mut app = app(Lang::Fr);
    press(&mut app, KeyCode::Char('/'));
    type_text(&mut app, "qwen");
    let screen = screen(&mut app);
    insta::assert_snapshot!("search_fr_query", screen);
    assert!(screen.contains("Recherche › qwen"));
    assert!(screen.contains("2 sur 16 modèles"));
    assert!(screen.contains("inconnus 3"));
}

#[test]
fn query_cursor_is_placed_after_the_text() {
    let mut app = app(Lang::En);
    press(&mut app, KeyCode::Char('/'));
    type_text(&mut app, "phi");
    press(&mut app, KeyCode::Left);
    let mut terminal = Terminal::new(TestBackend::new(80, 24)).unwrap();
    terminal.draw(|frame| ui::draw(frame, &mut app)).unwrap();
    terminal.backend_mut().assert_cursor_position((11, 1));
}

#[test]
fn hostile_strings_render_inert() {
    let mut app = app(Lang::En);
    let mut buffers = vec![draw(&mut app, 80, 24)];
    press(&mut app, KeyCode::Char('/'));
    type_text(&mut app, "evil");
    press(&mut app, KeyCode::Enter);
    press(&mut app, KeyCode::Char('G'));
    buffers.push(draw(&mut app, 80, 24));
    press(&mut app, KeyCode::Char('4'));
    // The fourth set is the benchmark whose name carries an escape sequence.
    for _ in 0..3 {
        press(&mut app, KeyCode::Char('b'));
    }
    buffers.push(draw(&mut app, 80, 24));
    for buffer in &buffers {
        for cell in buffer.content() {
            assert!(
                !cell.symbol().chars().any(|c| c.is_control()),
                "control character drawn: {:?}",
                cell.symbol()
            );
        }
    }
    let detail = text(&buffers[1]);
    assert!(detail.contains("evil/red-model"));
    assert!(
        detail.contains("medical"),
        "tag payload dropped, value kept"
    );
    assert!(!detail.contains("pwned"));
    assert!(text(&buffers[2]).contains("ANLI"));
}

#[test]
fn detail_view_en() {
    let mut app = app(Lang::En);
    press(&mut app, KeyCode::Char('/'));
    type_text(&mut app, "Qwen2.5-0.5B");
    press(&mut app, KeyCode::Enter);
    let screen = screen(&mut app);
    insta::assert_snapshot!("detail_en", screen);
    assert!(screen.contains("494M (494,000,000), SLM at 7B"));
    assert!(screen.contains("safetensors summary"));
    press(&mut app, KeyCode::End);
    let bottom = super::tests::screen(&mut app);
    insta::assert_snapshot!("detail_en_tags", bottom);
    assert!(bottom.contains("fine-tune of Qwen/Qwen2.5-0.5B"));
    assert!(
        bottom.contains("conversational, text-generation")
            || bottom.contains("text-generation, conversational")
    );
}

#[test]
fn detail_view_scrolls_to_the_tags() {
    let mut app = app(Lang::En);
    press(&mut app, KeyCode::Char('/'));
    type_text(&mut app, "Qwen2.5-0.5B");
    press(&mut app, KeyCode::Enter);
    let top = screen(&mut app);
    assert!(!top.contains("apache-2.0"));
    assert!(press(&mut app, KeyCode::Char('G')));
    let bottom = screen(&mut app);
    assert!(bottom.contains("license"), "{bottom}");
    assert!(bottom.contains("apache-2.0"));
}

#[test]
fn detail_view_fr() {
    let mut app = app(Lang::Fr);
    press(&mut app, KeyCode::Char('/'));
    type_text(&mut app, "bert");
    press(&mut app, KeyCode::Enter);
    let screen = screen(&mut app);
    insta::assert_snapshot!("detail_fr", screen);
    assert!(screen.contains("avant que les dates soient enregistrées"));
    assert!(screen.contains("110M (110\u{202f}000\u{202f}000), SLM au seuil de 7B"));
}

/// Builds an app on the test models and one synthetic record.
fn synthetic_app(lang: Lang) -> App {
    let mut models = models();
    models.push(model(
        "synthetic-org-3/ember-7B-000001",
        Some(7_241 * M),
        Some("text-generation"),
        1_200,
        4,
        "2024-06-01",
    ));
    App::new(data(models), options(lang))
}

#[test]
fn synthetic_record_marked_en() {
    let mut app = synthetic_app(Lang::En);
    let first = screen(&mut app);
    assert!(first.contains("│ synthetic 1"), "{first}");
    press(&mut app, KeyCode::Char('/'));
    type_text(&mut app, "ember");
    press(&mut app, KeyCode::Enter);
    let detail = screen(&mut app);
    insta::assert_snapshot!("detail_synthetic_en", detail);
    assert!(detail.contains("synthetic-org-3/ember-7B-000001 · synthetic record"));
    assert!(detail.contains("generated by slmscope synth, not a model on the Hub"));
}

#[test]
fn synthetic_record_marked_fr() {
    let mut app = synthetic_app(Lang::Fr);
    assert!(screen(&mut app).contains("│ synthétique 1"));
    press(&mut app, KeyCode::Char('/'));
    type_text(&mut app, "ember");
    press(&mut app, KeyCode::Enter);
    let detail = screen(&mut app);
    assert!(detail.contains("· enregistrement synthétique"), "{detail}");
    assert!(detail.contains("généré par slmscope synth"), "{detail}");
}

#[test]
fn real_models_carry_no_synthetic_mark() {
    let mut app = app(Lang::En);
    assert!(!screen(&mut app).contains("synthetic"));
    press(&mut app, KeyCode::Char('/'));
    type_text(&mut app, "Qwen2.5-0.5B");
    press(&mut app, KeyCode::Enter);
    assert!(!screen(&mut app).contains("synthetic"));
}

#[test]
fn detail_tags_fr() {
    let mut app = app(Lang::Fr);
    press(&mut app, KeyCode::Char('/'));
    type_text(&mut app, "Qwen2.5-0.5B");
    press(&mut app, KeyCode::Enter);
    assert!(screen(&mut app).contains("source du compte      safetensors"));
    press(&mut app, KeyCode::End);
    let bottom = screen(&mut app);
    insta::assert_snapshot!("detail_fr_tags", bottom);
    for expected in [
        "langue                en",
        "licence               apache-2.0",
        "modèle de base        affinage de Qwen/Qwen2.5-0.5B",
        "tag                   text-generation, conversational",
    ] {
        assert!(bottom.contains(expected), "{expected} missing:\n{bottom}");
    }
    for english in ["language", "license", "base_model"] {
        assert!(!bottom.contains(english), "{english} left in English");
    }
}

/// Opens the detail view of the model whose id matches `query` and returns the screen.
fn detail_screen(lang: Lang, query: &str) -> String {
    let mut app = app(lang);
    press(&mut app, KeyCode::Char('/'));
    type_text(&mut app, query);
    press(&mut app, KeyCode::Enter);
    screen(&mut app)
}

#[test]
fn detail_count_source_per_language() {
    let cases = [
        ("gemma", "reference", "référence"),
        ("GGUF", "name", "nom"),
        ("mystery", "unknown", "inconnue"),
        ("phi-4", "safetensors", "safetensors"),
    ];
    for (query, english, french) in cases {
        let shown = detail_screen(Lang::En, query);
        assert!(
            shown.contains(&format!("count source          {english} ")),
            "{query}: {shown}"
        );
        let shown = detail_screen(Lang::Fr, query);
        assert!(
            shown.contains(&format!("source du compte      {french} ")),
            "{query}: {shown}"
        );
    }
}

#[test]
fn unknown_agrees_with_its_count_in_french() {
    let mut app = app(Lang::Fr);
    assert!(screen(&mut app).contains("│ inconnus 3"));
    press(&mut app, KeyCode::Char('2'));
    assert!(screen(&mut app).contains("░ inconnus "));

    let one_unknown = vec![
        model(
            "a/known-1B",
            Some(B),
            Some("text-generation"),
            5,
            0,
            "2024-01-01",
        ),
        model(
            "a/mystery",
            None,
            Some("text-generation"),
            5,
            0,
            "2024-01-01",
        ),
    ];
    let mut app = App::new(data(one_unknown), options(Lang::Fr));
    assert!(screen(&mut app).contains("│ inconnu 1"));
    press(&mut app, KeyCode::Char('2'));
    assert!(screen(&mut app).contains("░ inconnu "));
    press(&mut app, KeyCode::Char('3'));
    assert!(screen(&mut app).contains("░ inconnu 1 (50,0\u{a0}%)"));
}

#[test]
fn detail_view_shows_gating_reference_and_approximation() {
    let mut app = app(Lang::En);
    press(&mut app, KeyCode::Char('/'));
    type_text(&mut app, "Llama-3.1-8B");
    press(&mut app, KeyCode::Enter);
    assert!(screen(&mut app).contains("yes, manual approval"));

    let mut app = super::tests::app(Lang::En);
    press(&mut app, KeyCode::Char('/'));
    type_text(&mut app, "gemma");
    press(&mut app, KeyCode::Enter);
    let screen = screen(&mut app);
    assert!(screen.contains("Google calls it “compact”"), "{screen}");
    assert!(screen.contains("publisher's official one"));

    let mut app = super::tests::app(Lang::En);
    press(&mut app, KeyCode::Char('/'));
    type_text(&mut app, "GGUF");
    press(&mut app, KeyCode::Enter);
    let screen = super::tests::screen(&mut app);
    assert!(screen.contains("~56B"));
    assert!(screen.contains("upper bound"));
}

#[test]
fn threshold_pane_en() {
    let mut app = app(Lang::En);
    press(&mut app, KeyCode::Char('2'));
    let screen = screen(&mut app);
    insta::assert_snapshot!("threshold_en", screen);
    assert!(screen.contains("SLM < 7B"));
    assert!(screen.contains("LLM ≥ 7B"));
    assert!(screen.contains("▼ 7B"), "threshold marker on the histogram");
    for label in ["100M", "1B", "10B", "100B"] {
        assert!(screen.contains(label), "axis label {label}");
    }
    assert!(screen.contains("SLM share among models of known size: 46.2%"));
}

#[test]
fn threshold_pane_preview_fr() {
    let mut app = app(Lang::Fr);
    press(&mut app, KeyCode::Char('2'));
    press(&mut app, KeyCode::Char('/'));
    type_text(&mut app, "500M");
    let screen = screen(&mut app);
    insta::assert_snapshot!("threshold_fr_preview", screen);
    assert!(screen.contains("→ 500M"));
    assert!(screen.contains("Seuil 500M (aperçu ; appliqué 7B)"));
    assert!(screen.contains("SLM < 500M"));
}

#[test]
fn split_numbers_follow_the_threshold() {
    let mut app = app(Lang::En);
    press(&mut app, KeyCode::Char('2'));
    let at_7b = screen(&mut app);
    let row = |screen: &str, start: &str| {
        screen
            .lines()
            .find(|line| line.contains(start))
            .unwrap()
            .split_whitespace()
            .skip(4)
            .take(2)
            .collect::<Vec<_>>()
            .join(" ")
    };
    assert_eq!(row(&at_7b, "SLM < 7B"), "6 37.5%");
    assert_eq!(row(&at_7b, "LLM ≥ 7B"), "7 43.8%");
    press(&mut app, KeyCode::Char('l'));
    let at_8b = screen(&mut app);
    assert_eq!(row(&at_8b, "SLM < 8B"), "7 43.8%");
    assert_eq!(row(&at_8b, "LLM ≥ 8B"), "6 37.5%");
    let unknown = at_8b
        .lines()
        .find(|line| line.starts_with("░ unknown"))
        .unwrap();
    let unknown: Vec<&str> = unknown.split_whitespace().collect();
    assert_eq!(unknown[2..4], ["3", "18.8%"], "unknown stays its own count");
}

#[test]
fn tasks_pane_en() {
    let mut app = app(Lang::En);
    press(&mut app, KeyCode::Char('3'));
    press(&mut app, KeyCode::Char('j'));
    let screen = screen(&mut app);
    insta::assert_snapshot!("tasks_en", screen);
    assert!(screen.contains("text-generation"));
    assert!(screen.contains("(none)"));
    assert!(screen.contains("Top use tags (all tasks)"));
    for heading in ["\nText ", "\nVision ", "\nAudio ", "\nOther "] {
        assert!(screen.contains(heading), "modality heading {heading:?}");
    }
    assert!(
        screen.contains("SLM 3 (30.0%)"),
        "split of the selected task"
    );
}

#[test]
fn tasks_pane_fr() {
    let mut app = app(Lang::Fr);
    press(&mut app, KeyCode::Char('3'));
    press(&mut app, KeyCode::Char('n'));
    press(&mut app, KeyCode::Char('G'));
    let screen = screen(&mut app);
    insta::assert_snapshot!("tasks_fr", screen);
    assert!(screen.contains("(aucune)"));
    assert!(screen.contains("Tags d'usage (toutes tâches)"));
    assert!(screen.contains("\nTexte "));
    assert!(screen.contains("(aucune)  1 modèle "), "singular noun");
}

/// The fixture plus models of the longest pipeline_tags the Hub uses (30 characters).
fn app_with_long_task_names() -> App {
    let mut models = models();
    for (index, task) in [
        "zero-shot-image-classification",
        "unconditional-image-generation",
        "document-question-answering",
    ]
    .into_iter()
    .enumerate()
    {
        models.push(model(
            &format!("org/long-task-{index}"),
            Some(300 * M),
            Some(task),
            1,
            0,
            "2024-01-01",
        ));
    }
    App::new(data(models), options(Lang::En))
}

#[test]
fn task_names_in_full_at_120() {
    let mut app = app_with_long_task_names();
    press(&mut app, KeyCode::Char('3'));
    let shown = text(&draw(&mut app, 120, 30));
    for name in [
        "zero-shot-image-classification ",
        "unconditional-image-generation ",
        "document-question-answering ",
        "automatic-speech-recognition ",
        "sentence-similarity ",
    ] {
        assert!(shown.contains(name), "{name} cut:\n{shown}");
    }
    let rows: Vec<&str> = shown.lines().skip(2).take(10).collect();
    for row in &rows {
        assert!(!row.contains('…'), "cut at 120 columns: {row:?}");
        assert!(row.contains('█') || row.contains('░'), "bar drawn: {row:?}");
    }
    assert!(
        shown.contains(" 1 automatic-speech-recognition"),
        "top tags in full too:\n{shown}"
    );
}

#[test]
fn task_names_keep_bars_at_80() {
    let mut app = app_with_long_task_names();
    press(&mut app, KeyCode::Char('3'));
    let shown = screen(&mut app);
    let rows: Vec<&str> = shown.lines().skip(2).take(10).collect();
    for row in &rows {
        let name: String = row.chars().take_while(|c| *c != '█' && *c != '░').collect();
        assert!(name.trim_end().chars().count() <= 19, "{row:?}");
        let bar = row.chars().filter(|c| *c == '█' || *c == '░').count();
        assert!(bar >= 20, "the bar keeps its room: {row:?}");
    }
    assert!(shown.contains("  zero-shot-image-…"), "{shown}");
}

#[test]
fn help_en() {
    let mut app = app(Lang::En);
    press(&mut app, KeyCode::Char('?'));
    let screen = screen(&mut app);
    insta::assert_snapshot!("help_search_en", screen);
    assert!(screen.contains("Keys: Search"));
    assert!(screen.contains("type a query to filter the ids"));
}

#[test]
fn rebound_keys_drive_the_app_and_its_help() {
    let mut keymap = super::Keymap::default();
    keymap.rebind("sort", &["o"]).unwrap();
    keymap.rebind("help", &["F1"]).unwrap();
    let mut app = App::new(
        data(models()),
        TuiOptions {
            keymap,
            ..options(Lang::En)
        },
    );
    let before = app.search.sort;
    assert!(
        !press(&mut app, KeyCode::Char('s')),
        "the old key does nothing"
    );
    assert!(press(&mut app, KeyCode::Char('o')));
    assert_ne!(app.search.sort, before);

    let status = screen(&mut app);
    let last = status.lines().last().unwrap();
    assert!(last.contains("o sort"), "{last}");
    assert!(last.contains("F1 help"), "{last}");
    assert!(press(&mut app, KeyCode::F(1)));
    let help = screen(&mut app);
    assert!(help.contains("Keys: Search"), "{help}");
    assert!(help.contains("F1 "), "{help}");
}

#[test]
fn help_fr_threshold_scrolled() {
    let mut app = app(Lang::Fr);
    press(&mut app, KeyCode::Char('2'));
    press(&mut app, KeyCode::Char('?'));
    press(&mut app, KeyCode::Char('G'));
    let screen = screen(&mut app);
    insta::assert_snapshot!("help_threshold_fr", screen);
    assert!(screen.contains("Touches : Seuil"));
    assert!(screen.contains("retirer tous les filtres"));
    assert!(screen.contains("copier l'id du modèle choisi"));
}

#[test]
fn help_lists_every_key_of_the_pane() {
    let mut app = app(Lang::En);
    press(&mut app, KeyCode::Char('?'));
    let mut seen = String::new();
    for _ in 0..6 {
        seen.push_str(&screen(&mut app));
        press(&mut app, KeyCode::PageDown);
    }
    for expected in [
        "Ctrl-U",
        "Shift-Tab",
        "PgUp PgDn",
        "1 2 3 4",
        "+ ]",
        "- [",
        "back to the results",
    ] {
        assert!(seen.contains(expected), "help lacks {expected}");
    }
}

#[test]
fn no_color_theme_draws_without_colours() {
    let mut app = app_with(Lang::En, false);
    for tab in ['1', '2', '3', '4'] {
        press(&mut app, KeyCode::Char(tab));
        let buffer = draw(&mut app, 80, 24);
        for cell in buffer.content() {
            assert_eq!(cell.fg, Color::Reset, "{tab}: {:?}", cell.symbol());
            assert_eq!(cell.bg, Color::Reset, "{tab}: {:?}", cell.symbol());
        }
    }
    press(&mut app, KeyCode::Char('2'));
    let screen = screen(&mut app);
    assert!(
        screen.contains('▒'),
        "LLM bars patterned instead of coloured"
    );
}

#[test]
fn no_color_histogram_splits_the_threshold_bin() {
    // 6.5B, 7.6B and 8B share the bin [5.6B, 10B): at 7B it holds one SLM and two LLM.
    let models = vec![
        model("a/small-200M", Some(200 * M), None, 1, 0, "2024-01-01"),
        model("a/six-6.5B", Some(6_500 * M), None, 1, 0, "2024-01-01"),
        model("a/seven-7.6B", Some(7_600 * M), None, 1, 0, "2024-01-01"),
        model("a/eight-8B", Some(8 * B), None, 1, 0, "2024-01-01"),
    ];
    let mut app = App::new(
        data(models),
        TuiOptions {
            color: false,
            ..options(Lang::En)
        },
    );

    press(&mut app, KeyCode::Char('2'));
    let screen = screen(&mut app);
    // The marker row, then every bar row down to the axis.
    let chart: Vec<&str> = screen
        .lines()
        .skip_while(|line| !line.contains("▼ 7B"))
        .take_while(|line| !line.contains('┼'))
        .collect();
    assert!(chart.len() >= 5, "{screen}");
    let marker_x = chart[0].chars().position(|c| c == '▼').unwrap();

    let bottom: Vec<char> = chart[chart.len() - 1].chars().collect();
    assert_eq!(bottom[marker_x], '│', "{screen}");
    assert_eq!(
        bottom[marker_x - 1],
        '█',
        "SLM part left of the marker:\n{screen}"
    );
    assert_eq!(
        bottom[marker_x + 1],
        '▒',
        "LLM part right of the marker:\n{screen}"
    );
    for line in &chart[1..] {
        assert_eq!(
            line.chars().nth(marker_x),
            Some('│'),
            "marker drawn on every bar row:\n{screen}"
        );
    }
}

#[test]
fn larger_terminal_shows_every_search_column() {
    let mut app = app(Lang::En);
    let screen = text(&draw(&mut app, 120, 40));
    assert!(screen.contains("pipeline_tag"));
    assert!(screen.contains("automatic-speech-…"));
}

#[test]
fn narrow_terminal_keeps_the_sort_column() {
    let mut app = app(Lang::En);
    app.handle(Action::CycleSort);
    let screen = screen(&mut app);
    assert!(screen.contains("likes ▼"));
}

#[test]
fn smallest_terminal_keeps_the_split_and_the_histogram() {
    let mut app = app(Lang::En);
    press(&mut app, KeyCode::Char('2'));
    let screen = text(&draw(&mut app, ui::MIN_WIDTH, ui::MIN_HEIGHT));
    for expected in ["SLM < 7B", "LLM ≥ 7B", "unknown", "▼ 7B", "100M", "7B"] {
        assert!(screen.contains(expected), "{expected} missing:\n{screen}");
    }
}

#[test]
fn survives_resizes_and_asks_for_a_larger_terminal() {
    let mut app = app(Lang::En);
    for tab in ['1', '2', '3', '4', '5'] {
        press(&mut app, KeyCode::Char(tab));
        for (width, height) in [(20, 5), (1, 1), (80, 24), (200, 60), (60, 16), (81, 25)] {
            draw(&mut app, width, height);
        }
    }
    let small = text(&draw(&mut app, 40, 10));
    assert!(
        small.contains("needs at") && small.contains("60×16"),
        "{small}"
    );
}

#[test]
fn too_small_terminal_ignores_keys_but_quit() {
    let mut app = app(Lang::En);
    draw(&mut app, 40, 10);
    assert!(!press(&mut app, KeyCode::Char('f')), "no hidden form");
    assert!(app.filter_form.is_none());
    assert!(!press(&mut app, KeyCode::Char('2')));
    assert_eq!(app.tab, Tab::Search);
    draw(&mut app, 80, 24);
    assert!(
        press(&mut app, KeyCode::Char('2')),
        "keys work again once enlarged"
    );
    assert_eq!(app.tab, Tab::Threshold);
    draw(&mut app, 40, 10);
    assert!(press(&mut app, KeyCode::Char('q')));
    assert!(app.should_quit());
}

fn empty_app(lang: Lang, cache_path: &str) -> App {
    let mut data = data(Vec::new());
    data.cache_path = PathBuf::from(cache_path);
    App::new(data, options(lang))
}

#[test]
fn empty_cache_is_explained() {
    let mut app = empty_app(Lang::En, "/home/lab/.cache/slmscope/cache.db");
    let search = screen(&mut app);
    insta::assert_snapshot!("search_empty_en", search);
    let command = "slmscope import --db /home/lab/.cache/slmscope/cache.db FILE...";
    assert!(
        search.contains("The cache /home/lab/.cache/slmscope/cache.db contains no models yet.")
    );
    assert!(search.contains("Import Hub API JSON files into it with:"));
    assert!(search.contains(command), "{search}");
    for tab in ['2', '3'] {
        press(&mut app, KeyCode::Char(tab));
        let shown = screen(&mut app);
        assert!(shown.contains("contains no models yet"), "{tab}: {shown}");
        assert!(shown.contains(command), "{tab}: {shown}");
    }
    press(&mut app, KeyCode::Char('1'));
    assert!(!press(&mut app, KeyCode::Enter));
}

#[test]
fn empty_cache_is_explained_in_french() {
    let mut app = empty_app(Lang::Fr, "/home/lab/.cache/slmscope/cache.db");
    let search = screen(&mut app);
    insta::assert_snapshot!("search_empty_fr", search);
    assert!(search.contains("Le cache /home/lab/.cache/slmscope/cache.db ne contient encore"));
    assert!(search.contains("slmscope import --db /home/lab/.cache/slmscope/cache.db FICHIER..."));
    press(&mut app, KeyCode::Char('3'));
    assert!(screen(&mut app).contains("--db /home/lab/.cache/slmscope/cache.db FICHIER"));
}

#[test]
fn empty_cache_command_quotes_the_path() {
    let mut app = empty_app(Lang::En, "/data/team cache/cache.db");
    let shown = text(&draw(&mut app, 120, 24));
    assert!(
        shown.contains("slmscope import --db '/data/team cache/cache.db' FILE..."),
        "{shown}"
    );
}

#[test]
fn known_sizes_missing_is_not_an_empty_cache() {
    let unknown_only = vec![model("a/mystery", None, None, 1, 0, "2024-01-01")];
    let mut app = App::new(data(unknown_only), options(Lang::En));
    press(&mut app, KeyCode::Char('2'));
    let shown = screen(&mut app);
    assert!(shown.contains("No model of known size to draw."), "{shown}");
    assert!(!shown.contains("slmscope import"), "{shown}");
}

#[test]
fn detail_marks_inferred_pipeline_tag() {
    let mut inferred = model(
        "org/untagged-1B",
        Some(B),
        Some("text-generation"),
        1,
        0,
        "2024-01-01",
    );
    inferred.pipeline_tag_inferred = true;
    for (lang, expected) in [
        (Lang::En, "(inferred: the Hub gives none)"),
        (Lang::Fr, "(déduit : le Hub n'en donne pas)"),
    ] {
        let mut app = App::new(data(vec![inferred.clone()]), options(lang));
        assert!(
            press(&mut app, KeyCode::Enter),
            "Enter opens the detail view"
        );
        let shown = screen(&mut app);
        assert!(shown.contains(expected), "{shown}");
    }
}

#[test]
fn a_start_notice_shows_in_the_status_bar() {
    let mut app = App::new(
        data(models()),
        TuiOptions {
            notice: Some(
                "configuration: c.toml, line 2: key `lang`: expected \"en\" or \"fr\"".into(),
            ),
            ..options(Lang::En)
        },
    );
    let notice = app.notice.as_ref().expect("the notice is kept");
    assert!(notice.error);
    let screen = screen(&mut app);
    assert!(screen.contains("configuration: c.toml, line 2"), "{screen}");
}
