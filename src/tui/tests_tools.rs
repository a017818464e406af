//! Tests of the threshold tools in the Threshold pane: `m` through the suggestions, `v` between
//! the histogram and the sweep, and the pane drawn at 80x24 and 120x40 in English and French.

use crossterm::event::KeyCode;

use super::AppData;
use super::action::{Context, help_lines};
use super::app::App;
use super::panes::threshold_tools::{ChartView, Tool};
use super::tests::{B, M, data, draw, model, models, options, press, text};
use crate::analysis::agreement::Publishers;
use crate::analysis::suggest::{density_valley, natural_breaks};
use crate::analysis::threshold::DEFAULT_THRESHOLD;
use crate::i18n::Lang;
use crate::model::ReferenceModel;

fn reference(hub_id: &str, params: u64, word: &str) -> ReferenceModel {
    ReferenceModel {
        hub_id: hub_id.to_string(),
        organisation: "Org".to_string(),
        params,
        size_word: word.to_string(),
        release_date: "2024-01-01".to_string(),
        pipeline_tag: "text-generation".to_string(),
        source: "https://example.org/card".to_string(),
    }
}

/// The sixteen models of the other pane tests plus a cluster of small models (100M to 400M)
/// and one of large ones (30B to 70B), so that the sizes have a density valley. Seven
/// publishers' words go with them, and one of them (medium) takes no side.
fn tools_data() -> AppData {
    let mut models = models();
    let text = Some("text-generation");
    for (index, size) in [100, 120, 150, 200, 250, 300, 350, 400]
        .into_iter()
        .enumerate()
    {
        models.push(model(
            &format!("small/s{index}"),
            Some(size * M),
            text,
            1_000,
            1,
            "2024-06-01",
        ));
    }
    for (index, size) in [30, 34, 40, 45, 50, 60, 65, 70].into_iter().enumerate() {
        models.push(model(
            &format!("large/l{index}"),
            Some(size * B),
            text,
            1_000,
            1,
            "2024-06-01",
        ));
    }
    let mut data = data(models);
    data.reference = vec![
        reference("a/small-1b", B, "small"),
        reference("a/mini-3.8b", 3_800 * M, "mini"),
        reference("a/tiny-8b", 8 * B, "tiny"),
        reference("b/large-2b", 2 * B, "large"),
        reference("b/large-13b", 13 * B, "large"),
        reference("b/xl-70b", 70 * B, "xl"),
        reference("c/medium-7b", 7 * B, "medium"),
    ];
    data
}

fn tools_app(lang: Lang) -> App {
    let mut app = App::new(tools_data(), options(lang));
    press(&mut app, KeyCode::Char('2'));
    app
}

fn screen_at(app: &mut App, width: u16, height: u16) -> String {
    text(&draw(app, width, height))
}

#[test]
fn suggestions_of_the_fixture_by_hand() {
    let data = tools_data();
    let totals = data.index.sorted_totals();
    // The widest gap in log10 is 1.54B to 7.62B among the lower half: natural breaks put
    // the line there, at sqrt(1.54B · 7.62B) = 3.426B.
    let breaks = natural_breaks(totals).unwrap();
    assert_eq!((breaks.below, breaks.above), (1_540 * M, 7_620 * M));
    assert_eq!(breaks.label, "3.4B");
    let valley = density_valley(totals).unwrap();
    assert!(
        valley.threshold > 1_540 * M && valley.threshold < 30 * B,
        "{}",
        valley.label
    );
    // 8B "tiny" sits above 2B "large": the best range is above 8B and up to 13B, 5 of 6.
    let best = Publishers::new(&data.reference).best().unwrap();
    assert_eq!((best.agree, best.label.as_str()), (5, "10.2B"));
}

#[test]
fn m_cycles_through_the_suggestions() {
    let mut app = tools_app(Lang::En);
    let totals = app.data.index.sorted_totals().to_vec();
    let breaks = natural_breaks(&totals).unwrap().threshold;
    let valley = density_valley(&totals).unwrap().threshold;
    let best = 10_198_039_027;

    for (expected, tool, name) in [
        (breaks, Tool::NaturalBreaks, "natural breaks"),
        (valley, Tool::DensityValley, "density valley"),
        (best, Tool::Publishers, "publishers' size words"),
        (breaks, Tool::NaturalBreaks, "natural breaks"),
    ] {
        assert!(press(&mut app, KeyCode::Char('m')));
        assert_eq!(app.threshold, expected, "{name}");
        assert_eq!(app.threshold_pane.last_tool, Some(tool));
        let screen = screen_at(&mut app, 80, 24);
        assert!(screen.contains(name), "notice names the method:\n{screen}");
        let label = crate::analysis::format_params(expected);
        assert!(
            screen.contains(&format!("Threshold {label} │")),
            "status shows {label}:\n{screen}"
        );
    }
    press(&mut app, KeyCode::Char('l'));
    assert!(
        !screen_at(&mut app, 80, 24).contains("Threshold moved"),
        "the notice goes at the next key"
    );
}

#[test]
fn m_skips_a_missing_valley() {
    // The sixteen models alone have no density valley: N then P.
    let mut app = App::new(
        {
            let mut data = data(models());
            data.reference = tools_data().reference;
            data
        },
        options(Lang::Fr),
    );
    press(&mut app, KeyCode::Char('2'));
    press(&mut app, KeyCode::Char('m'));
    assert_eq!(app.threshold_pane.last_tool, Some(Tool::NaturalBreaks));
    press(&mut app, KeyCode::Char('m'));
    assert_eq!(app.threshold_pane.last_tool, Some(Tool::Publishers));
    let screen = screen_at(&mut app, 80, 24);
    assert!(
        screen.contains("Seuil placé sur meilleur accord"),
        "{screen}"
    );
    assert!(screen.contains("aucun creux de densité"), "{screen}");
}

#[test]
fn m_without_any_suggestion_says_why() {
    let mut data = data(Vec::new());
    data.reference.clear();
    let mut app = App::new(data, options(Lang::En));
    press(&mut app, KeyCode::Char('2'));
    assert!(press(&mut app, KeyCode::Char('m')));
    assert_eq!(app.threshold, DEFAULT_THRESHOLD);
    let notice = app.notice.clone().unwrap();
    assert!(notice.error);
    assert!(notice.text.starts_with("No suggestion"), "{}", notice.text);
}

#[test]
fn v_hint_offers_the_other_chart() {
    for (lang, sweep, histogram) in [
        (Lang::En, "v sweep", "v bars"),
        (Lang::Fr, "v balayage", "v histogramme"),
    ] {
        let mut app = tools_app(lang);
        let status = |app: &mut App| {
            let screen = screen_at(app, 120, 40);
            screen.lines().rev().take(2).collect::<Vec<_>>().join("\n")
        };
        let shown = status(&mut app);
        assert!(shown.contains(sweep), "{shown}");
        assert!(!shown.contains(histogram), "{shown}");
        press(&mut app, KeyCode::Char('v'));
        let shown = status(&mut app);
        assert!(shown.contains(histogram), "{shown}");
        assert!(!shown.contains(sweep), "{shown}");
    }
}

#[test]
fn v_switches_between_histogram_and_sweep() {
    let mut app = tools_app(Lang::En);
    assert_eq!(app.threshold_pane.chart, ChartView::Histogram);
    assert!(press(&mut app, KeyCode::Char('v')));
    assert_eq!(app.threshold_pane.chart, ChartView::Sweep);
    let screen = screen_at(&mut app, 80, 24);
    assert!(screen.contains("SLM share among models of known size at each step"));
    assert!(!screen.contains("Models per quarter decade"), "{screen}");
    // At 7B: 14 SLM of 29 known (48.3%); their downloads are 136,916,010 of 146,322,010.
    let row = screen
        .lines()
        .find(|line| line.contains("▶"))
        .expect("the threshold's step is marked");
    let cells: Vec<&str> = row.split_whitespace().rev().take(3).collect();
    assert_eq!(cells, ["93.6%", "48.3%", "7B"], "{row:?}");
    assert!(screen.contains("threshold 7B"), "{screen}");

    press(&mut app, KeyCode::Char('l'));
    let screen = screen_at(&mut app, 80, 24);
    let row = screen.lines().find(|line| line.contains("▶")).unwrap();
    assert!(
        row.contains("8B"),
        "the marked step follows the threshold: {row:?}"
    );

    assert!(press(&mut app, KeyCode::Char('v')));
    assert_eq!(app.threshold_pane.chart, ChartView::Histogram);
    assert!(screen_at(&mut app, 80, 24).contains("Models per quarter decade"));
}

#[test]
fn tool_keys_belong_to_the_threshold_pane() {
    let mut app = tools_app(Lang::En);
    press(&mut app, KeyCode::Char('1'));
    assert!(!press(&mut app, KeyCode::Char('m')));
    assert!(!press(&mut app, KeyCode::Char('v')));
    assert_eq!(app.threshold, DEFAULT_THRESHOLD);
    assert_eq!(app.threshold_pane.chart, ChartView::Histogram);

    let help: Vec<String> = help_lines(Context::Threshold, Lang::Fr)
        .into_iter()
        .map(|line| format!("{} {}", line.keys, line.text))
        .collect();
    assert!(
        help.iter()
            .any(|line| line.starts_with("m placer le seuil")),
        "{help:?}"
    );
    assert!(
        help.iter().any(|line| line.starts_with("v basculer")),
        "{help:?}"
    );
}

#[test]
fn histogram_marks_and_legend() {
    let mut app = tools_app(Lang::En);
    let screen = screen_at(&mut app, 80, 24);
    let axis = screen
        .lines()
        .find(|line| line.contains('┼') && line.contains('┴'))
        .unwrap();
    let x = |c: char| axis.chars().position(|x| x == c);
    let marker = x('┼').unwrap();
    assert!(x('N').unwrap() < marker, "3.4B left of 7B: {axis:?}");
    assert!(
        x('V').unwrap() < x('N').unwrap(),
        "the valley at 3B is left of 3.4B: {axis:?}"
    );
    assert!(x('P').unwrap() > marker, "10.2B right of 7B: {axis:?}");
    let legend = screen.lines().find(|line| line.starts_with("N ")).unwrap();
    assert!(legend.contains("N natural breaks 3.4B"), "{legend:?}");
    assert!(legend.contains("V density valley 3B"), "{legend:?}");
    assert!(legend.contains("P publishers 10.2B"), "{legend:?}");
    assert!(
        screen.contains("Publishers agree at 7B: 4/6 (66.7%) · best 10.2B: 5/6 (83.3%)"),
        "{screen}"
    );
}

#[test]
fn wide_agreement_line_gives_the_best_range() {
    let mut app = tools_app(Lang::Fr);
    let screen = screen_at(&mut app, 120, 40);
    assert!(
        screen.contains("meilleur 10.2B : 5/6 (83,3\u{a0}%), au-delà de 8B jusqu'à 13B"),
        "{screen}"
    );
}

#[test]
fn threshold_tools_snapshots() {
    for (lang, name) in [(Lang::En, "en"), (Lang::Fr, "fr")] {
        for (width, height) in [(80, 24), (120, 40)] {
            let mut app = tools_app(lang);
            let histogram = screen_at(&mut app, width, height);
            insta::assert_snapshot!(
                format!("tools_histogram_{name}_{width}x{height}"),
                histogram
            );
            press(&mut app, KeyCode::Char('v'));
            let sweep = screen_at(&mut app, width, height);
            insta::assert_snapshot!(format!("tools_sweep_{name}_{width}x{height}"), sweep);
        }
    }
}

#[test]
fn smallest_terminal_keeps_the_essentials() {
    let mut app = tools_app(Lang::En);
    let screen = screen_at(&mut app, super::ui::MIN_WIDTH, super::ui::MIN_HEIGHT);
    for expected in ["SLM < 7B", "▼ 7B", "N"] {
        assert!(screen.contains(expected), "{expected} missing:\n{screen}");
    }
    assert!(!screen.contains("Publishers agree"), "{screen}");
    press(&mut app, KeyCode::Char('v'));
    let screen = screen_at(&mut app, super::ui::MIN_WIDTH, super::ui::MIN_HEIGHT);
    assert!(screen.contains("SLM share among models"), "{screen}");
}

#[test]
fn sweep_of_an_empty_cache_explains_the_cache() {
    let mut app = App::new(data(Vec::new()), options(Lang::En));
    press(&mut app, KeyCode::Char('2'));
    press(&mut app, KeyCode::Char('v'));
    let screen = screen_at(&mut app, 80, 24);
    assert!(screen.contains("contains no models yet"), "{screen}");
}
