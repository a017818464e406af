//! Tests of the tour: step navigation through keys, captions at two thresholds, every step
//! drawn at 100x30 in English and French and at 80x24, and a tour of an empty cache.

use std::path::PathBuf;
use std::sync::Arc;

use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use ratatui::Terminal;
use ratatui::backend::TestBackend;

use super::{Step, Tour, TourOptions, captions, ui};
use crate::analysis::Index;
use crate::analysis::threshold::DEFAULT_THRESHOLD;
use crate::i18n::Lang;
use crate::model::Provenance;
use crate::tui::tests::{B, data, models, text};
use crate::tui::{AppData, BenchmarkData, ThemeName};

fn options(lang: Lang) -> TourOptions {
    TourOptions {
        lang,
        threshold: DEFAULT_THRESHOLD,
        color: true,
        theme: ThemeName::HighContrast,
        keymap: crate::tui::Keymap::default(),
    }
}

fn tour(lang: Lang) -> Tour {
    Tour::new(data(models()), options(lang))
}

fn empty_data() -> AppData {
    AppData {
        index: Arc::new(Index::build(Vec::new())),
        benchmarks: BenchmarkData::new(Vec::new()),
        reference: Vec::new(),
        history: Arc::default(),
        provenance: Provenance::default(),
        cache_path: PathBuf::from("/home/lab/empty.db"),
    }
}

fn press(tour: &mut Tour, code: KeyCode) -> bool {
    tour.on_key(&KeyEvent::new(code, KeyModifiers::NONE))
}

/// Draws the tour, then, while the Trends step groups the models off the UI thread, waits for
/// the grouping and draws again.
fn screen_at(tour: &mut Tour, width: u16, height: u16) -> String {
    let mut terminal = Terminal::new(TestBackend::new(width, height)).unwrap();
    terminal.draw(|frame| ui::draw(frame, tour)).unwrap();
    while tour.trends.is_computing() {
        let generation = tour.data.index.generation();
        assert!(
            tour.trends
                .wait(generation, super::super::tests::PANE_WORK_WAIT),
            "the grouping ends"
        );
        terminal.draw(|frame| ui::draw(frame, tour)).unwrap();
    }
    text(terminal.backend().buffer())
}

/// Joins the caption into one line, the way a reader takes it in.
fn caption_text(tour: &mut Tour) -> String {
    let caption = tour.caption();
    std::iter::once(caption.headline.as_str())
        .chain(caption.details.iter().map(String::as_str))
        .collect::<Vec<_>>()
        .join(" | ")
}

// ---- navigation ----

#[test]
fn next_keys_stop_at_the_last_step() {
    let mut tour = tour(Lang::En);
    assert_eq!(tour.step(), Step::Threshold);
    for (code, expected) in [
        (KeyCode::Right, Step::Benchmarks),
        (KeyCode::Char(' '), Step::Tasks),
        (KeyCode::PageDown, Step::Trends),
    ] {
        assert!(press(&mut tour, code), "{code:?} moves on");
        assert_eq!(tour.step(), expected, "after {code:?}");
    }
    assert!(!press(&mut tour, KeyCode::Char('n')), "no step after 4");
    assert!(!press(&mut tour, KeyCode::Right), "no step after 4");
    assert_eq!(tour.step(), Step::Trends, "clamped, not wrapped");
}

#[test]
fn previous_keys_stop_at_the_first_step() {
    let mut tour = tour(Lang::En);
    press(&mut tour, KeyCode::Char('4'));
    assert_eq!(tour.step(), Step::Trends);
    for (code, expected) in [
        (KeyCode::Left, Step::Tasks),
        (KeyCode::Backspace, Step::Benchmarks),
        (KeyCode::PageUp, Step::Threshold),
    ] {
        assert!(press(&mut tour, code), "{code:?} moves back");
        assert_eq!(tour.step(), expected, "after {code:?}");
    }
    assert!(!press(&mut tour, KeyCode::Char('p')), "no step before 1");
    assert_eq!(tour.step(), Step::Threshold, "clamped, not wrapped");
}

#[test]
fn digits_jump_to_steps() {
    let mut tour = tour(Lang::En);
    for (digit, expected) in [
        ('3', Step::Tasks),
        ('1', Step::Threshold),
        ('4', Step::Trends),
        ('2', Step::Benchmarks),
    ] {
        assert!(press(&mut tour, KeyCode::Char(digit)), "{digit}");
        assert_eq!(tour.step(), expected, "after {digit}");
    }
    assert!(!press(&mut tour, KeyCode::Char('2')), "already there");
    assert!(!press(&mut tour, KeyCode::Char('5')), "no fifth step");
    assert!(!press(&mut tour, KeyCode::Char('6')), "no sixth step");
    assert_eq!(tour.step(), Step::Benchmarks);
}

#[test]
fn q_esc_and_ctrl_c_leave() {
    for key in [
        KeyEvent::new(KeyCode::Char('q'), KeyModifiers::NONE),
        KeyEvent::new(KeyCode::Esc, KeyModifiers::NONE),
        KeyEvent::new(KeyCode::Char('c'), KeyModifiers::CONTROL),
    ] {
        let mut tour = tour(Lang::En);
        assert!(!tour.should_quit());
        tour.on_key(&key);
        assert!(tour.should_quit(), "{key:?} leaves");
    }
}

#[test]
fn explorer_keys_do_nothing() {
    let mut tour = tour(Lang::En);
    for c in ['S', 'f', 'x', 'v', 'b', '/'] {
        assert!(!press(&mut tour, KeyCode::Char(c)), "{c} is not a tour key");
    }
    assert!(!press(&mut tour, KeyCode::Tab));
    assert_eq!(tour.step(), Step::Threshold);
    assert!(!tour.should_quit());
}

#[test]
fn threshold_keys_move_the_threshold() {
    let mut tour = tour(Lang::En);
    assert!(press(&mut tour, KeyCode::Char('+')));
    assert_eq!(tour.threshold(), 8 * B);
    assert!(press(&mut tour, KeyCode::Char(']')));
    assert_eq!(tour.threshold(), 13 * B);
    assert!(press(&mut tour, KeyCode::Char('-')));
    assert!(press(&mut tour, KeyCode::Char('[')));
    assert_eq!(tour.threshold(), 7 * B);
}

#[test]
fn help_opens_and_closes() {
    let mut tour = tour(Lang::En);
    assert!(press(&mut tour, KeyCode::Char('?')));
    let shown = screen_at(&mut tour, 100, 30);
    assert!(shown.contains("Presentation"), "{shown}");
    assert!(shown.contains("next step"), "{shown}");
    assert!(shown.contains("go to step 1 to 4"), "{shown}");
    assert!(shown.contains("leave the tour"), "{shown}");
    assert!(!press(&mut tour, KeyCode::Right), "steps wait for the help");
    assert_eq!(tour.step(), Step::Threshold);
    assert!(press(&mut tour, KeyCode::Esc), "Esc closes the help");
    assert!(!tour.should_quit(), "Esc in the help does not leave");
    assert!(!screen_at(&mut tour, 100, 30).contains("leave the tour"));
}

#[test]
fn theme_key_cycles_from_high_contrast() {
    let mut tour = tour(Lang::En);
    assert_eq!(tour.theme.name(), ThemeName::HighContrast);
    assert!(press(&mut tour, KeyCode::Char('t')));
    assert_eq!(tour.theme.name(), ThemeName::ColorBlind);
}

// ---- captions ----

#[test]
fn threshold_caption_at_two_thresholds() {
    let mut tour = tour(Lang::En);
    let at_7b = caption_text(&mut tour);
    assert!(
        at_7b.starts_with("At 7B, 46% of models of known size are SLMs."),
        "{at_7b}"
    );
    assert!(
        at_7b.contains("6 SLMs under 7B, 7 LLMs from 7B up; 3 of unknown size left out."),
        "{at_7b}"
    );
    assert!(
        at_7b.contains("Suggested by the data: natural breaks"),
        "{at_7b}"
    );
    for _ in 0..3 {
        press(&mut tour, KeyCode::Char('+'));
    }
    assert_eq!(tour.threshold(), 14 * B);
    let at_14b = caption_text(&mut tour);
    assert!(
        at_14b.starts_with("At 14B, 62% of models of known size are SLMs."),
        "{at_14b}"
    );
    assert!(at_14b.contains("8 SLMs under 14B, 5 LLMs"), "{at_14b}");
}

#[test]
fn threshold_caption_in_french() {
    let mut tour = tour(Lang::Fr);
    let caption = caption_text(&mut tour);
    assert!(
        caption.starts_with("À 7\u{a0}Md, 46\u{a0}% des modèles de taille connue sont des SLM."),
        "{caption}"
    );
    assert!(caption.contains("6 SLM sous 7\u{a0}Md"), "{caption}");
    assert!(caption.contains("3 de taille inconnue exclus"), "{caption}");
    assert!(caption.contains("ruptures naturelles"), "{caption}");
}

#[test]
fn benchmark_caption_at_two_thresholds() {
    let mut tour = tour(Lang::En);
    press(&mut tour, KeyCode::Char('2'));
    let at_7b = caption_text(&mut tour);
    assert_eq!(
        at_7b,
        "HumanEval · pass@1: the best SLM trails the best LLM by 18.0 points. \
         | Best SLM under 7B: Qwen2.5-Coder-1.5B, 70.0 · best LLM: Qwen2.5-Coder-7B (7.6B), 88.0. \
         | The code, medical or NLI benchmark where an SLM comes closest to the best LLM (9 models with a result)."
    );
    press(&mut tour, KeyCode::Char('2'));
    for _ in 0..3 {
        press(&mut tour, KeyCode::Char('+'));
    }
    let at_14b = caption_text(&mut tour);
    assert!(
        at_14b.starts_with("HumanEval · pass@1: the best SLM leads the best LLM by 6.0 points."),
        "{at_14b}"
    );
    assert!(
        at_14b.contains(
            "Best SLM under 14B: Qwen2.5-Coder-7B (7.6B), 88.0 · best LLM: Phi-4 (14.7B), 82.0."
        ),
        "{at_14b}"
    );
}

#[test]
fn benchmark_caption_in_french() {
    let mut tour = tour(Lang::Fr);
    press(&mut tour, KeyCode::Char('2'));
    let caption = caption_text(&mut tour);
    assert!(
        caption.starts_with(
            "HumanEval · pass@1\u{a0}: le meilleur SLM est à 18,0 points du meilleur LLM."
        ),
        "{caption}"
    );
    assert!(
        caption.contains("Meilleur SLM sous 7\u{a0}Md\u{a0}: Qwen2.5-Coder-1.5B, 70,0"),
        "{caption}"
    );
}

#[test]
fn benchmark_step_shows_the_largest_specific_set() {
    let tour = tour(Lang::En);
    let set = &tour.data.benchmarks.sets()[tour.set.unwrap()];
    assert_eq!(set.label(), "HumanEval · pass@1");
    assert_eq!(tour.benchmarks.set, tour.set, "the pane shows the same set");
}

#[test]
fn benchmark_set_falls_back_to_any_domain() {
    let general = vec![
        crate::tui::tests::result("a", "IFEval", "score", 50.0, Some(B)),
        crate::tui::tests::result("b", "IFEval", "score", 60.0, Some(70 * B)),
    ];
    let data = BenchmarkData::new(general);
    assert_eq!(captions::tour_set(&data, 7 * B), Some(0));
    let caption = captions::benchmarks(&data, Some(0), 7 * B, Lang::En);
    assert!(
        caption
            .details
            .last()
            .unwrap()
            .starts_with("No code, medical or NLI benchmark"),
        "{caption:?}"
    );
    assert_eq!(
        captions::tour_set(&BenchmarkData::new(Vec::new()), 7 * B),
        None
    );
}

#[test]
fn tasks_caption_at_two_thresholds() {
    let mut tour = tour(Lang::En);
    press(&mut tour, KeyCode::Char('3'));
    let at_7b = caption_text(&mut tour);
    assert_eq!(
        at_7b,
        "Highest SLM share at 7B: text-generation 33%. \
         | Share among each task's models of known size, for tasks with at least 5 of them; \
         text-generation, the largest task, has 33%."
    );
    for _ in 0..3 {
        press(&mut tour, KeyCode::Char('+'));
    }
    let at_14b = caption_text(&mut tour);
    assert!(
        at_14b.starts_with("Highest SLM share at 14B: text-generation 56%."),
        "{at_14b}"
    );
}

#[test]
fn task_ranking_needs_enough_known_sizes() {
    let index = Index::build(models());
    let ranked = captions::task_shares(&index, 7 * B, 1);
    let names: Vec<&str> = ranked.iter().map(|task| task.name.as_str()).collect();
    // fill-mask, sentence-similarity and automatic-speech-recognition have one SLM each.
    assert_eq!(
        names,
        [
            "automatic-speech-recognition",
            "fill-mask",
            "sentence-similarity",
            "text-generation"
        ]
    );
    let floored = captions::task_shares(&index, 7 * B, captions::MIN_TASK_MODELS);
    assert_eq!(floored.len(), 1);
    assert_eq!(floored[0].name, "text-generation");
    assert_eq!(floored[0].known, 9);
}

#[test]
fn trends_caption_at_two_thresholds() {
    let mut tour = tour(Lang::En);
    press(&mut tour, KeyCode::Char('4'));
    let at_7b = caption_text(&mut tour);
    assert!(
        at_7b.starts_with(
            "SLMs (under 7B) among new models of known size: 17% in 2024, the only full year."
        ),
        "{at_7b}"
    );
    assert!(
        at_7b.contains("Models created more than 12 months before the data (2025-08-14) receive 98% of SLM and "),
        "{at_7b}"
    );
    for _ in 0..3 {
        press(&mut tour, KeyCode::Char('+'));
    }
    let at_14b = caption_text(&mut tour);
    assert!(at_14b.contains("50% in 2024"), "{at_14b}");
    assert_ne!(at_7b, at_14b);
}

#[test]
fn trends_caption_in_french() {
    let mut tour = tour(Lang::Fr);
    press(&mut tour, KeyCode::Char('4'));
    let caption = caption_text(&mut tour);
    assert!(
        caption.starts_with(
            "Part des SLM (sous 7\u{a0}Md) parmi les nouveaux modèles de taille connue\u{a0}: 17\u{a0}% en 2024, seule année complète."
        ),
        "{caption}"
    );
    assert!(
        caption.contains("reçoivent 98\u{a0}% des téléchargements"),
        "{caption}"
    );
}

#[test]
fn full_years_need_january_and_a_later_year() {
    let mut models = models();
    // A model of January 2023 makes 2023 the first full year; 2024 stays the last one.
    models.push(crate::tui::tests::model(
        "org/jan-2023",
        Some(B),
        Some("text-generation"),
        10,
        0,
        "2023-01-05",
    ));
    let index = Index::build(models);
    let splits = crate::analysis::trends::monthly_splits(&index, 7 * B, None);
    let now = crate::analysis::trends::DataTime::of(&Provenance::default(), index.models());
    let years = captions::full_year_shares(&splits, now.as_ref());
    let listed: Vec<i16> = years.iter().map(|year| year.year).collect();
    assert_eq!(listed, [2023, 2024]);
    // 2023 at 7B: two SLMs (the January model and Whisper 1.5B) and two LLMs (Mixtral 46.7B
    // and its GGUF 56B).
    assert_eq!(years[0].share, Some(0.5));
}

// ---- drawing ----

/// Draws every step at 100x30 and checks the frame every step shares.
fn all_steps(lang: Lang) -> Vec<String> {
    let mut tour = tour(lang);
    let mut screens = Vec::new();
    for (index, step) in Step::ALL.into_iter().enumerate() {
        press(&mut tour, KeyCode::Char(char::from(b'1' + index as u8)));
        assert_eq!(tour.step(), step);
        let shown = screen_at(&mut tour, 100, 30);
        let first = shown.lines().next().unwrap();
        assert!(
            first.starts_with(&format!(" {}/4 ", index + 1)),
            "step counter: {first}"
        );
        assert!(shown.contains(step.question(lang)), "{shown}");
        screens.push(shown);
    }
    screens
}

#[test]
fn steps_at_100x30_en() {
    let screens = all_steps(Lang::En);
    for (step, shown) in Step::ALL.iter().zip(&screens) {
        insta::assert_snapshot!(format!("tour_{}_en", step.index() + 1), shown);
    }
    assert!(
        screens[0].contains("+ - move the threshold"),
        "{}",
        screens[0]
    );
    assert!(screens[1].contains("Best SLM"), "{}", screens[1]);
    assert!(screens[2].contains("pipeline_tag"), "{}", screens[2]);
    for shown in &screens {
        let last = shown.lines().last().unwrap();
        assert!(last.contains("→ next"), "{last}");
        assert!(last.contains("q leave"), "{last}");
    }
}

#[test]
fn steps_at_100x30_fr() {
    let screens = all_steps(Lang::Fr);
    for (step, shown) in Step::ALL.iter().zip(&screens) {
        insta::assert_snapshot!(format!("tour_{}_fr", step.index() + 1), shown);
    }
    assert!(
        screens[0].contains("+ - déplacent le seuil"),
        "{}",
        screens[0]
    );
    assert!(
        screens[0].contains("À 7\u{a0}Md, 46\u{a0}%"),
        "{}",
        screens[0]
    );
    for shown in &screens {
        let last = shown.lines().last().unwrap();
        assert!(last.contains("→ suivante"), "{last}");
        assert!(last.contains("q quitter"), "{last}");
    }
}

#[test]
fn steps_usable_at_80x24() {
    for lang in [Lang::En, Lang::Fr] {
        let mut tour = tour(lang);
        for index in 0..Step::ALL.len() {
            press(&mut tour, KeyCode::Char(char::from(b'1' + index as u8)));
            let headline = tour.caption().headline.clone();
            let shown = screen_at(&mut tour, 80, 24);
            let first_words: String = headline.split(' ').take(3).collect::<Vec<_>>().join(" ");
            assert!(
                shown.contains(&first_words),
                "{lang:?} step {index}: {shown}"
            );
            assert!(
                shown.lines().nth(1).unwrap().starts_with('┏'),
                "the caption frame is drawn: {shown}"
            );
            let rows = shown.lines().count();
            assert_eq!(rows, 24);
        }
    }
}

#[test]
fn captions_follow_the_threshold_on_screen() {
    let mut tour = tour(Lang::En);
    assert!(screen_at(&mut tour, 100, 30).contains("At 7B, 46%"));
    press(&mut tour, KeyCode::Char('+'));
    let shown = screen_at(&mut tour, 100, 30);
    assert!(shown.contains("At 8B, 54%"), "{shown}");
    assert!(shown.contains("Threshold 8B"), "{shown}");
}

#[test]
fn too_small_terminal_is_explained() {
    let mut tour = tour(Lang::En);
    let shown = screen_at(&mut tour, 60, 18);
    assert!(shown.contains("the tour needs at least 60×20"), "{shown}");
    assert!(!press(&mut tour, KeyCode::Right), "steps wait for room");
    assert!(press(&mut tour, KeyCode::Char('q')));
    assert!(tour.should_quit());
}

// ---- empty cache ----

#[test]
fn empty_cache_tour_explains_every_step() {
    for lang in [Lang::En, Lang::Fr] {
        let mut tour = Tour::new(empty_data(), options(lang));
        let expected = [
            lang.pick("contains no models yet", "ne contient encore aucun modèle"),
            lang.pick(
                "contains no benchmark results yet",
                "ne contient encore aucun résultat de benchmark",
            ),
            lang.pick("contains no models yet", "ne contient encore aucun modèle"),
            lang.pick("contains no models yet", "ne contient encore aucun modèle"),
        ];
        for (index, expected) in expected.into_iter().enumerate() {
            press(&mut tour, KeyCode::Char(char::from(b'1' + index as u8)));
            let headline = tour.caption().headline.clone();
            assert!(
                headline.contains(expected),
                "{lang:?} step {index}: {headline}"
            );
            for (width, height) in [(100, 30), (80, 24)] {
                let shown = screen_at(&mut tour, width, height);
                assert!(shown.contains(expected), "{lang:?} step {index}: {shown}");
            }
        }
        let details = tour.caption().details.join(" ");
        assert!(details.contains("slmscope import"), "{details}");
        press(&mut tour, KeyCode::Char('2'));
        let details = tour.caption().details.join(" ");
        assert!(details.contains("slmscope import-benchmarks"), "{details}");
    }
}

#[test]
fn empty_cache_tour_snapshot() {
    let mut tour = Tour::new(empty_data(), options(Lang::En));
    press(&mut tour, KeyCode::Char('2'));
    let shown = screen_at(&mut tour, 100, 30);
    insta::assert_snapshot!("tour_empty_2_en", shown);
    assert!(shown.contains("slmscope import-benchmarks --db /home/lab/empty.db"));
}

// ---- recorded data ----

const DATA_VAR: &str = "SLMSCOPE_TEST_DATA";

/// Builds a tour on the recorded Hub files and leaderboard files, or returns `None` after
/// printing why when the data variable is unset. Panics when it is set but a file is missing.
fn recorded_tour(test: &str, lang: Lang) -> Option<Tour> {
    use crate::cache::Cache;
    use crate::hub::reader::read_file;
    use crate::leaderboard::{BigCodeBenchSet, ReadOptions, read_leaderboard_with};

    let Some(root) = std::env::var_os(DATA_VAR) else {
        eprintln!("skipped {test}: {DATA_VAR} is not set, so the recorded data is not available");
        return None;
    };
    let root = PathBuf::from(root);
    let mut cache = Cache::open_in_memory().unwrap();
    for name in [
        "list-a.json",
        "list-b.json",
        "list-c.json",
        "list-d.json",
        "full-a.json",
        "full-b.json",
    ] {
        let path = root.join("hub-api-2024-12").join(name);
        assert!(
            path.is_file(),
            "{DATA_VAR} is set but {} is missing",
            path.display()
        );
        cache
            .import_records(name, &read_file(&path).unwrap())
            .unwrap();
    }
    for (name, bigcodebench_set) in [
        ("open-llm-leaderboard-v2.csv", None),
        ("open-llm-leaderboard-v1.csv", None),
        ("bigcodebench-full.json", Some(BigCodeBenchSet::Full)),
        ("bigcodebench-hard.json", Some(BigCodeBenchSet::Hard)),
    ] {
        let path = root.join("leaderboards").join(name);
        assert!(
            path.is_file(),
            "{DATA_VAR} is set but {} is missing",
            path.display()
        );
        let file = read_leaderboard_with(&path, ReadOptions { bigcodebench_set })
            .unwrap_or_else(|error| panic!("cannot read {}: {error:?}", path.display()));
        cache.import_leaderboard(name, &file).unwrap();
    }
    let data = AppData {
        index: Arc::new(Index::build(cache.load_models().unwrap())),
        benchmarks: BenchmarkData::new(cache.load_benchmarks().unwrap()),
        reference: cache.load_reference().unwrap(),
        history: Arc::new(cache.load_download_history().unwrap()),
        provenance: cache.load_provenance().unwrap(),
        cache_path: PathBuf::from("recorded.db"),
    };
    Some(Tour::new(data, options(lang)))
}

/// Moves the tour's threshold to `threshold`, a slider step, with the threshold keys.
fn move_to(tour: &mut Tour, threshold: u64) {
    while tour.threshold() < threshold {
        assert!(press(tour, KeyCode::Char('+')));
    }
    while tour.threshold() > threshold {
        assert!(press(tour, KeyCode::Char('-')));
    }
    assert_eq!(tour.threshold(), threshold, "{threshold} is a slider step");
}

#[test]
fn recorded_captions_follow_the_threshold() {
    let Some(mut tour) = recorded_tour("recorded_captions_follow_the_threshold", Lang::En) else {
        return;
    };
    let mut at = |threshold: u64| -> Vec<String> {
        move_to(&mut tour, threshold);
        let mut captions = Vec::new();
        for index in 0..Step::ALL.len() {
            press(&mut tour, KeyCode::Char(char::from(b'1' + index as u8)));
            captions.push(caption_text(&mut tour));
            let headline = tour.caption().headline.clone();
            let opening: String = headline.split(' ').take(4).collect::<Vec<_>>().join(" ");
            let shown = screen_at(&mut tour, 100, 30);
            assert!(shown.contains(&opening), "{opening}:\n{shown}");
        }
        captions
    };
    let at_1b = at(B);
    let at_14b = at(14 * B);
    for (step, (low, high)) in at_1b.iter().zip(&at_14b).enumerate() {
        println!("step {}:\n  1B: {low}\n  14B: {high}", step + 1);
        assert_ne!(low, high, "step {} follows the threshold", step + 1);
    }

    // Step 1: the share is the split's, rounded.
    let index = &tour.data.index;
    for (threshold, caption) in [(B, &at_1b[0]), (14 * B, &at_14b[0])] {
        let share = index.split(threshold).slm_share_of_known().unwrap();
        let percent = format!("{:.0}%", share * 100.0);
        let label = crate::analysis::format_params(threshold);
        assert!(
            caption.starts_with(&format!("At {label}, {percent} of models of known size")),
            "{caption}"
        );
    }
    assert!(at_1b[0].contains("natural breaks"), "{}", at_1b[0]);

    // Step 2 at 14B: a code set of the recorded BigCodeBench files.
    let set = &tour.data.benchmarks.sets()[tour.set.unwrap()];
    assert_eq!(set.domain, "code");
    assert!(set.label().starts_with("BigCodeBench"), "{}", set.label());
    assert!(at_14b[1].starts_with(&set.label()), "{}", at_14b[1]);
    assert!(at_14b[1].contains("Best SLM under 14B"), "{}", at_14b[1]);

    // Step 3: the named tasks have enough known sizes and come in falling share.
    let ranked = captions::task_shares(index, 14 * B, captions::MIN_TASK_MODELS);
    assert!(ranked.len() >= 3, "{ranked:?}");
    assert!(ranked.windows(2).all(|pair| pair[0].share >= pair[1].share));
    assert!(at_14b[2].contains(&ranked[0].name), "{}", at_14b[2]);

    // Step 4: the records run from 2022 to January 2025, so 2023 and 2024 are full years.
    for caption in [&at_1b[3], &at_14b[3]] {
        assert!(caption.contains("in 2023, then"), "{caption}");
        assert!(caption.contains("in 2024."), "{caption}");
        assert!(
            caption.contains("older") || caption.contains("12 months"),
            "{caption}"
        );
    }
}

#[test]
fn hostile_names_reach_captions_cleaned() {
    let hostile = vec![
        crate::tui::tests::result(
            "evil\u{1b}[31m-small",
            "HumanEval\u{1b}]0;pwned\u{7}",
            "pass@1",
            50.0,
            Some(B),
        ),
        crate::tui::tests::result(
            "big",
            "HumanEval\u{1b}]0;pwned\u{7}",
            "pass@1",
            60.0,
            Some(70 * B),
        ),
    ];
    let data = BenchmarkData::new(hostile);
    let caption = captions::benchmarks(&data, captions::tour_set(&data, 7 * B), 7 * B, Lang::En);
    let text = format!("{} {}", caption.headline, caption.details.join(" "));
    assert!(!text.contains('\u{1b}'), "{text:?}");
    assert!(!text.contains('\u{7}'), "{text:?}");
    assert!(text.contains("-small (1B), 50.0"), "{text:?}");
}

/// Builds a result of `model` on `benchmark`, scored `score`, with `billions` parameters.
fn scored(
    model: &str,
    benchmark: &str,
    score: f64,
    billions: u64,
) -> crate::model::BenchmarkResult {
    crate::tui::tests::result(model, benchmark, "accuracy", score, Some(billions * B))
}

#[test]
fn benchmark_step_prefers_sets_with_both_classes() {
    let results = vec![
        // Code, the most results, but no SLM under 7B.
        scored("big-coder", "HumanEval", 80.0, 70),
        scored("mid-coder", "HumanEval", 70.0, 30),
        scored("other-coder", "HumanEval", 60.0, 15),
        // Code: the SLM trails by a sixth of the LLM's score.
        scored("small-coder", "MBPP", 50.0, 1),
        scored("large-coder", "MBPP", 60.0, 70),
        // Medical: the SLM trails by under 3%.
        scored("small-med", "PubMedQA", 70.0, 1),
        scored("large-med", "PubMedQA", 72.0, 13),
        // General: the SLM leads, but the set is not code, medical or NLI.
        scored("small-chat", "IFEval", 80.0, 1),
        scored("large-chat", "IFEval", 60.0, 70),
    ];
    let data = BenchmarkData::new(results);
    let label = |set: Option<usize>| set.map(|set| data.sets()[set].label());
    assert_eq!(
        label(captions::tour_set(&data, 7 * B)).as_deref(),
        Some("PubMedQA · accuracy")
    );
    // At 100B every model is an SLM, so the specific set with the most results is shown.
    assert_eq!(
        label(captions::tour_set(&data, 100 * B)).as_deref(),
        Some("HumanEval · accuracy")
    );
    let set = captions::tour_set(&data, 7 * B);
    for (lang, detail) in [
        (
            Lang::En,
            "The code, medical or NLI benchmark where an SLM comes closest to the best LLM (2 models with a result).",
        ),
        (
            Lang::Fr,
            "Le benchmark de code, médical ou NLI où un SLM s'approche le plus du meilleur LLM (2 modèles avec un résultat).",
        ),
    ] {
        let caption = captions::benchmarks(&data, set, 7 * B, lang);
        let last = caption.details.last().unwrap();
        assert!(last.ends_with(detail), "{last}");
    }
}

#[test]
fn benchmark_step_follows_the_threshold() {
    let results = vec![
        scored("small-coder", "MBPP", 50.0, 1),
        scored("mid-coder", "MBPP", 58.0, 10),
        scored("large-coder", "MBPP", 60.0, 70),
        scored("small-med", "PubMedQA", 70.0, 1),
        scored("large-med", "PubMedQA", 72.0, 13),
    ];
    let mut data = data(models());
    data.benchmarks = BenchmarkData::new(results);
    let mut tour = Tour::new(data, options(Lang::En));
    let label = |tour: &Tour| tour.data.benchmarks.sets()[tour.set.unwrap()].label();
    assert_eq!(label(&tour), "PubMedQA · accuracy");
    // At 56B the 10B coder is an SLM 2 points below the best LLM, and PubMedQA has no LLM
    // left.
    tour.set_threshold(56 * B);
    assert_eq!(label(&tour), "MBPP · accuracy");
    assert_eq!(tour.benchmarks.set, tour.set, "the pane shows the same set");
}

#[test]
fn recorded_benchmark_step_has_both_classes() {
    let Some(root) = std::env::var_os("SLMSCOPE_TEST_DATA") else {
        eprintln!(
            "skipped recorded_benchmark_step_has_both_classes: SLMSCOPE_TEST_DATA is not set, so the recorded leaderboard files are not available"
        );
        return;
    };

    let folder = tempfile::tempdir().unwrap();
    let db = folder.path().join("c.db");
    // A cache as `slmscope import-benchmarks` creates it, with the reference set.
    let mut cache = crate::cli::open_for_writing(&db, Lang::En).unwrap();
    let leaderboards = PathBuf::from(root).join("leaderboards");
    for (file, bigcodebench_set) in [
        ("open-llm-leaderboard-v1.csv", None),
        ("open-llm-leaderboard-v2.csv", None),
        (
            "bigcodebench-full.json",
            Some(crate::leaderboard::BigCodeBenchSet::Full),
        ),
        (
            "bigcodebench-hard.json",
            Some(crate::leaderboard::BigCodeBenchSet::Hard),
        ),
    ] {
        let path = leaderboards.join(file);
        assert!(
            path.is_file(),
            "SLMSCOPE_TEST_DATA is set but {} is missing",
            path.display()
        );
        let read = crate::leaderboard::read_leaderboard_with(
            &path,
            crate::leaderboard::ReadOptions { bigcodebench_set },
        )
        .unwrap();
        cache.import_leaderboard(file, &read).unwrap();
    }
    drop(cache);
    let data =
        crate::tui::load::load_app_data(
            &db,
            Lang::En,
            &mut |_| std::ops::ControlFlow::Continue(()),
        )
        .unwrap();
    let benchmarks = &data.benchmarks;
    let set = captions::tour_set(benchmarks, 7 * B).expect("a set is picked");
    let chosen = &benchmarks.sets()[set];
    assert!(
        ["code", "medical", "nli"].contains(&chosen.domain.as_str()),
        "{}",
        chosen.label()
    );

    let caption = captions::benchmarks(benchmarks, Some(set), 7 * B, Lang::En);
    assert!(
        caption.headline.contains("the best SLM"),
        "{}: {}",
        chosen.label(),
        caption.headline
    );
    assert!(
        !chosen.label().starts_with("HumanEval"),
        "{}",
        chosen.label()
    );
    eprintln!(
        "recorded tour set at 7B: {} ({})",
        chosen.label(),
        caption.headline
    );
}

#[test]
fn leading_slm_caption_says_it_leads() {
    let results = vec![
        scored("small-coder", "HumanEval", 80.0, 1),
        scored("large-coder", "HumanEval", 60.0, 70),
    ];
    let data = BenchmarkData::new(results);
    let set = captions::tour_set(&data, 7 * B);
    for (lang, detail) in [
        (
            Lang::En,
            "The code, medical or NLI benchmark where an SLM leads the best LLM by the widest margin (2 models with a result).",
        ),
        (
            Lang::Fr,
            "Le benchmark de code, médical ou NLI où un SLM devance le meilleur LLM de la plus grande marge (2 modèles avec un résultat).",
        ),
    ] {
        let caption = captions::benchmarks(&data, set, 7 * B, lang);
        let last = caption.details.last().unwrap();
        assert_eq!(last, detail);
        assert!(!last.contains("closest"), "{last}");
    }
}

#[test]
fn caption_shows_each_size_once() {
    let results = vec![
        scored("UniMC (ALBERT-xxlarge)", "HumanEval", 50.0, 1),
        scored("Code Llama - Python 7B", "HumanEval", 60.0, 7),
        scored("Megatron-BERT 3.9B", "MBPP", 40.0, 0),
    ];
    let mut data_results = results;
    data_results[2].params_total = Some(3_900_000_000);
    let data = BenchmarkData::new(data_results);
    let humaneval = captions::tour_set(&data, 7 * B);
    let caption = captions::benchmarks(&data, humaneval, 7 * B, Lang::Fr);
    let best = &caption.details[0];
    assert!(
        best.contains("UniMC (ALBERT-xxlarge), 1\u{a0}Md, 50,0"),
        "{best}"
    );
    assert!(best.contains("Code Llama - Python 7B, 60,0"), "{best}");
    assert!(!best.contains(") ("), "{best}");
    assert!(!best.contains("7B (7"), "{best}");

    let mbpp = data
        .sets()
        .iter()
        .position(|set| set.label().starts_with("MBPP"));
    let caption = captions::benchmarks(&data, mbpp, 100 * B, Lang::Fr);
    let best = &caption.details[0];
    assert!(best.contains("Megatron-BERT 3.9B, 40,0"), "{best}");
    assert!(!best.contains("3,9\u{a0}Md"), "{best}");
}

#[test]
fn caption_keeps_a_size_the_name_rounds() {
    let results = vec![
        scored("small", "HumanEval", 50.0, 1),
        crate::tui::tests::result(
            "Qwen2.5-Coder-7B",
            "HumanEval",
            "accuracy",
            60.0,
            Some(7_600_000_000),
        ),
    ];
    let data = BenchmarkData::new(results);
    let caption = captions::benchmarks(&data, captions::tour_set(&data, 7 * B), 7 * B, Lang::En);
    assert!(
        caption.details[0].contains("Qwen2.5-Coder-7B (7.6B), 60.0"),
        "{:?}",
        caption.details
    );
}
