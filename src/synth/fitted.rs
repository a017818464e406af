//! The distributions of synthetic records, fitted to a recorded snapshot of the Hub API: the
//! list and full records of 4,712 models recorded in December 2024 and early January 2025.
//!
//! Weights are counts of models in that snapshot, so a table reads as "so many models had this".
//! Quantile tables give `(probability, value)` knots, interpolated linearly between knots.
//! The snapshot's list records carry no `safetensors`, `gguf`, `lastModified` or `gated`, so
//! those fields follow the snapshot's tags or its 77 models with a full document. `author` is
//! the owner part of the id, as on the Hub.

/// A pipeline_tag and the models that have it; `None` for models without one.
pub type PipelineWeight = (Option<&'static str>, u32);

/// Models per pipeline_tag as the Hub gave it, fitted to the December 2024 recorded snapshot
/// of 4,712 models.
pub const PIPELINE_TAGS: &[PipelineWeight] = &[
    (Some("text-generation"), 1200),
    (None, 815),
    (Some("text-to-image"), 492),
    (Some("text-classification"), 290),
    (Some("sentence-similarity"), 181),
    (Some("fill-mask"), 172),
    (Some("feature-extraction"), 172),
    (Some("automatic-speech-recognition"), 161),
    (Some("image-classification"), 150),
    (Some("image-text-to-text"), 148),
    (Some("text2text-generation"), 119),
    (Some("token-classification"), 107),
    (Some("translation"), 102),
    (Some("zero-shot-image-classification"), 60),
    (Some("text-to-speech"), 52),
    (Some("image-feature-extraction"), 48),
    (Some("image-to-image"), 34),
    (Some("audio-classification"), 31),
    (Some("time-series-forecasting"), 31),
    (Some("question-answering"), 29),
    (Some("object-detection"), 28),
    (Some("zero-shot-classification"), 28),
    (Some("image-to-text"), 27),
    (Some("image-segmentation"), 26),
    (Some("summarization"), 25),
    (Some("text-to-video"), 24),
    (Some("depth-estimation"), 24),
    (Some("visual-question-answering"), 17),
    (Some("image-to-video"), 13),
    (Some("text-to-audio"), 10),
    (Some("video-classification"), 10),
    (Some("image-to-3d"), 10),
    (Some("mask-generation"), 10),
    (Some("audio-to-audio"), 8),
    (Some("zero-shot-object-detection"), 8),
    (Some("video-text-to-text"), 7),
    (Some("audio-text-to-text"), 6),
    (Some("any-to-any"), 5),
    (Some("voice-activity-detection"), 5),
    (Some("text-to-3d"), 5),
    (Some("reinforcement-learning"), 4),
    (Some("keypoint-detection"), 4),
    (Some("document-question-answering"), 3),
    (Some("tabular-classification"), 2),
    (Some("tabular-regression"), 2),
    (Some("unconditional-image-generation"), 2),
    (Some("table-question-answering"), 2),
    (Some("robotics"), 2),
    (Some("graph-ml"), 1),
];

/// Models per library_name over all tasks, fitted to the December 2024 recorded snapshot of
/// 4,712 models (the 20 most common; `None` for models without one).
pub const LIBRARIES: &[(Option<&str>, u32)] = &[
    (Some("transformers"), 2735),
    (None, 732),
    (Some("diffusers"), 564),
    (Some("sentence-transformers"), 209),
    (Some("timm"), 114),
    (Some("open_clip"), 34),
    (Some("peft"), 30),
    (Some("nemo"), 23),
    (Some("transformers.js"), 20),
    (Some("ctranslate2"), 18),
    (Some("pyannote-audio"), 17),
    (Some("mlx"), 14),
    (Some("flair"), 13),
    (Some("cosmos"), 13),
    (Some("gguf"), 12),
    (Some("speechbrain"), 11),
    (Some("vllm"), 8),
    (Some("gliner"), 7),
    (Some("setfit"), 7),
    (Some("ultralytics"), 6),
];

/// The libraries of the models of one pipeline_tag.
pub struct LibraryMix {
    /// The pipeline_tag; `None` for models without one.
    pub pipeline: Option<&'static str>,
    /// The most common libraries of the task and their models.
    pub libraries: &'static [(Option<&'static str>, u32)],
    /// Models of the task with another library, drawn from [`LIBRARIES`].
    pub others: u32,
}

/// Libraries per pipeline_tag for the tasks of at least 100 models, fitted to the December
/// 2024 recorded snapshot of 4,712 models.
pub const LIBRARIES_BY_PIPELINE: &[LibraryMix] = &[
    LibraryMix {
        pipeline: Some("text-generation"),
        libraries: &[(Some("transformers"), 1031), (None, 152), (Some("mlx"), 9)],
        others: 8,
    },
    LibraryMix {
        pipeline: None,
        libraries: &[
            (None, 428),
            (Some("transformers"), 219),
            (Some("diffusers"), 44),
            (Some("peft"), 23),
            (Some("cosmos"), 13),
        ],
        others: 88,
    },
    LibraryMix {
        pipeline: Some("text-to-image"),
        libraries: &[(Some("diffusers"), 460), (None, 17), (Some("gguf"), 6)],
        others: 9,
    },
    LibraryMix {
        pipeline: Some("text-classification"),
        libraries: &[
            (Some("transformers"), 255),
            (None, 13),
            (Some("sentence-transformers"), 7),
            (Some("setfit"), 7),
        ],
        others: 8,
    },
    LibraryMix {
        pipeline: Some("sentence-similarity"),
        libraries: &[
            (Some("sentence-transformers"), 163),
            (Some("transformers"), 14),
        ],
        others: 4,
    },
    LibraryMix {
        pipeline: Some("fill-mask"),
        libraries: &[(Some("transformers"), 171), (None, 1)],
        others: 0,
    },
    LibraryMix {
        pipeline: Some("feature-extraction"),
        libraries: &[
            (Some("transformers"), 131),
            (Some("sentence-transformers"), 32),
            (Some("transformers.js"), 6),
        ],
        others: 3,
    },
    LibraryMix {
        pipeline: Some("automatic-speech-recognition"),
        libraries: &[
            (Some("transformers"), 113),
            (Some("ctranslate2"), 18),
            (Some("nemo"), 11),
            (Some("pyannote-audio"), 9),
            (None, 5),
        ],
        others: 5,
    },
    LibraryMix {
        pipeline: Some("image-classification"),
        libraries: &[(Some("timm"), 95), (Some("transformers"), 51)],
        others: 4,
    },
    LibraryMix {
        pipeline: Some("image-text-to-text"),
        libraries: &[(Some("transformers"), 122), (None, 13), (Some("vllm"), 3)],
        others: 10,
    },
    LibraryMix {
        pipeline: Some("text2text-generation"),
        libraries: &[(Some("transformers"), 115)],
        others: 4,
    },
    LibraryMix {
        pipeline: Some("token-classification"),
        libraries: &[
            (Some("transformers"), 85),
            (Some("flair"), 13),
            (Some("gliner"), 7),
        ],
        others: 2,
    },
    LibraryMix {
        pipeline: Some("translation"),
        libraries: &[(Some("transformers"), 100), (None, 2)],
        others: 0,
    },
];

/// Libraries of the tasks below 100 models, pooled, fitted to the December 2024 recorded
/// snapshot of 4,712 models.
pub const LIBRARIES_OTHER_TASKS: LibraryMix = LibraryMix {
    pipeline: None,
    libraries: &[
        (Some("transformers"), 327),
        (None, 94),
        (Some("diffusers"), 60),
        (Some("open_clip"), 25),
        (Some("timm"), 15),
    ],
    others: 82,
};

/// The counts behind how a task's records state their size.
#[derive(Debug, Clone, Copy)]
pub struct SizeEvidence {
    /// Models whose name states a size (read by `params::parse_name_size`).
    pub named: u32,
    /// Models tagged `safetensors` among those whose name states a size, then among the others.
    pub safetensors: (u32, u32),
    /// Models tagged `gguf` among those whose name states a size, then among the others.
    pub gguf: (u32, u32),
    pub models: u32,
}

const fn evidence(
    named: u32,
    safetensors: (u32, u32),
    gguf: (u32, u32),
    models: u32,
) -> SizeEvidence {
    SizeEvidence {
        named,
        safetensors,
        gguf,
        models,
    }
}

/// The size evidence of each pipeline_tag of at least 50 models, fitted to the December 2024
/// recorded snapshot of 4,712 models. The tags depend on whether the name states a size because
/// they go together: GGUF repositories nearly always name their size.
pub const SIZE_EVIDENCE_BY_PIPELINE: &[(Option<&str>, SizeEvidence)] = &[
    (
        Some("text-generation"),
        evidence(911, (661, 199), (181, 35), 1200),
    ),
    (None, evidence(274, (130, 168), (111, 33), 815)),
    (Some("text-to-image"), evidence(11, (6, 268), (0, 12), 492)),
    (
        Some("text-classification"),
        evidence(9, (7, 160), (0, 0), 290),
    ),
    (
        Some("sentence-similarity"),
        evidence(10, (9, 135), (0, 1), 181),
    ),
    (
        Some("feature-extraction"),
        evidence(3, (3, 108), (0, 2), 172),
    ),
    (Some("fill-mask"), evidence(8, (3, 75), (0, 0), 172)),
    (
        Some("automatic-speech-recognition"),
        evidence(24, (12, 51), (0, 0), 161),
    ),
    (
        Some("image-classification"),
        evidence(0, (0, 121), (0, 0), 150),
    ),
    (
        Some("image-text-to-text"),
        evidence(108, (96, 32), (5, 1), 148),
    ),
    (
        Some("text2text-generation"),
        evidence(9, (3, 37), (0, 2), 119),
    ),
    (
        Some("token-classification"),
        evidence(0, (0, 44), (0, 0), 107),
    ),
    (Some("translation"), evidence(8, (3, 14), (0, 0), 102)),
    (
        Some("zero-shot-image-classification"),
        evidence(2, (1, 33), (0, 0), 60),
    ),
    (Some("text-to-speech"), evidence(6, (3, 13), (1, 0), 52)),
];

/// The same counts over the tasks below 50 models, pooled, fitted to the December 2024
/// recorded snapshot of 4,712 models.
pub const SIZE_EVIDENCE_OTHER_TASKS: SizeEvidence = evidence(45, (32, 270), (3, 5), 491);

/// The tasks whose sizes follow [`GENERATIVE_SIZES`]; every other task follows
/// [`OTHER_SIZES`]. Models without a pipeline_tag count as generative, like most of them.
pub const GENERATIVE_PIPELINES: [Option<&str>; 3] =
    [Some("text-generation"), Some("image-text-to-text"), None];

/// One normal component of a mixture over log10(parameters): weight, mean, standard deviation.
pub type Component = (f64, f64, f64);

/// Mixture of log10(parameters) of the 1,313 known sizes of text-generation,
/// image-text-to-text and untagged models, fitted by EM (six components, the fewest BIC) to the
/// December 2024 recorded snapshot of 4,712 models. The narrow components are the sizes names
/// state most: 7B–8B, 12B–13B and 70B.
pub const GENERATIVE_SIZES: [Component; 6] = [
    (0.1117, 8.7738, 0.5427),
    (0.1623, 9.3363, 0.1933),
    (0.1007, 10.099, 0.0418),
    (0.3628, 9.8762, 0.037),
    (0.0877, 10.8488, 0.01),
    (0.1748, 10.4855, 0.4955),
];

/// Mixture of log10(parameters) of the 149 known sizes of every other task, fitted by EM (five
/// components, the fewest BIC) to the December 2024 recorded snapshot of 4,712 models.
pub const OTHER_SIZES: [Component; 5] = [
    (0.0558, 7.8951, 0.2025),
    (0.094, 8.4771, 0.01),
    (0.6332, 9.0225, 0.4409),
    (0.1905, 9.8638, 0.0308),
    (0.0265, 10.7901, 0.1122),
];

/// Quantiles of the exact parameter count over the size the name states (8,030,261,248 for
/// `8B`). Fitted to the 29 models of the December 2024 recorded snapshot of 4,712 models that
/// have both a safetensors summary in their full document and a size in their name.
pub const PARAMS_OVER_NAMED: &[(f64, f64)] = &[
    (0.0, 0.97),
    (0.1, 0.998),
    (0.25, 1.004),
    (0.5, 1.008),
    (0.75, 1.024),
    (0.9, 1.07),
    (1.0, 1.307),
];

/// The range log10(parameters) is clamped to: the snapshot's known sizes span 10^7.1 to 10^12.
pub const LOG_SIZE_RANGE: (f64, f64) = (6.5, 12.3);

/// Names with an `NxS` expert token and all names stating a size, fitted to the December 2024
/// recorded snapshot of 4,712 models.
pub const MULTIPLIED_NAMES: (u32, u32) = (18, 1428);

/// Names with an `A` active-size token (`30B-A3B`) and all names stating a size, fitted to the
/// December 2024 recorded snapshot of 4,712 models.
pub const ACTIVE_NAMES: (u32, u32) = (7, 1428);

/// Expert counts of `NxS` names, fitted to the December 2024 recorded snapshot of 4,712 models.
pub const EXPERT_COUNTS: &[(u64, u32)] = &[(8, 17), (2, 1)];

/// Active parameters over total parameters in an `A` token. Chosen, not fitted: the December
/// 2024 recorded snapshot of 4,712 models has only 7 such names.
pub const ACTIVE_FRACTION: f64 = 0.1;

/// Names below 1B written in `M` (`270M`) and all names below 1B (else `0.5B`), fitted to the
/// December 2024 recorded snapshot of 4,712 models.
pub const MEGA_UNIT_BELOW_1B: (u32, u32) = (102, 129);

/// Names from 1B to 10B with a decimal size (`1.5B`) and all names from 1B to 10B, fitted to
/// the December 2024 recorded snapshot of 4,712 models.
pub const DECIMAL_1B_TO_10B: (u32, u32) = (98, 847);

/// Names of 10B and more with a decimal size (`10.7B`) and all of them, fitted to the December
/// 2024 recorded snapshot of 4,712 models.
pub const DECIMAL_ABOVE_10B: (u32, u32) = (11, 427);

/// Size tokens with a lowercase `b` and all `B` or `b` tokens, fitted to the December 2024
/// recorded snapshot of 4,712 models.
pub const LOWERCASE_B: (u32, u32) = (371, 1318);

/// Size tokens with a lowercase `m` and all `M` or `m` tokens, fitted to the December 2024
/// recorded snapshot of 4,712 models.
pub const LOWERCASE_M: (u32, u32) = (48, 107);

/// Owners per model: models are spread over this many owners by a power law P(k) ∝ k^-s. Fitted
/// by simulation to the 1,676 owners of the December 2024 recorded snapshot of 4,712 models.
pub const OWNERS_PER_MODEL: f64 = 0.75;

/// The exponent s of that power law, fitted with it (largest owner 2.6% of the models).
pub const OWNER_EXPONENT: f64 = 0.7;

/// Library groups of the tags that follow the library: transformers, sentence-transformers,
/// diffusers, no library, any other library.
pub const LIBRARY_GROUPS: [Option<&str>; 4] = [
    Some("transformers"),
    Some("sentence-transformers"),
    Some("diffusers"),
    None,
];

/// A tag and, per library group (the order of [`LIBRARY_GROUPS`], then "other"), the models
/// that carry it and all models of the group.
pub type LibraryTagRate = (&'static str, [(u32, u32); 5]);

/// Tags that follow the library, fitted to the December 2024 recorded snapshot of 4,712
/// models.
pub const LIBRARY_TAGS: [LibraryTagRate; 3] = [
    (
        "pytorch",
        [(1504, 2735), (141, 209), (5, 564), (50, 732), (192, 472)],
    ),
    (
        "endpoints_compatible",
        [(2381, 2735), (185, 209), (229, 564), (141, 732), (6, 472)],
    ),
    (
        "autotrain_compatible",
        [(1788, 2735), (195, 209), (224, 564), (0, 732), (0, 472)],
    ),
];

/// A tag and, for text-generation, image-text-to-text and every other task, the models that
/// carry it and all models of the group.
pub type TaskTagRate = (&'static str, [(u32, u32); 3]);

/// Tags that follow the task, fitted to the December 2024 recorded snapshot of 4,712 models.
pub const TASK_TAGS: [TaskTagRate; 2] = [
    (
        "text-generation-inference",
        [(844, 1200), (48, 148), (147, 3364)],
    ),
    ("conversational", [(823, 1200), (93, 148), (109, 3364)]),
];

/// Models whose tags repeat their library_name and all models with one, fitted to the
/// December 2024 recorded snapshot of 4,712 models.
pub const LIBRARY_AS_TAG: (u32, u32) = (3977, 3980);

/// Models whose tags repeat their pipeline_tag and all models with one, fitted to the
/// December 2024 recorded snapshot of 4,712 models.
pub const PIPELINE_AS_TAG: (u32, u32) = (3844, 3897);

/// Models per number of other bare tags (besides the library, the task and the tags above),
/// fitted to the December 2024 recorded snapshot of 4,712 models. The model with 4,026 lists
/// three-letter ISO 639-3 language codes as bare tags.
pub const OTHER_TAG_COUNTS: &[(u32, u32)] = &[
    (0, 560),
    (1, 934),
    (2, 901),
    (3, 724),
    (4, 538),
    (5, 328),
    (6, 212),
    (7, 182),
    (8, 109),
    (9, 72),
    (10, 58),
    (11, 25),
    (12, 11),
    (13, 14),
    (14, 7),
    (15, 2),
    (16, 4),
    (17, 3),
    (18, 2),
    (19, 2),
    (21, 3),
    (22, 1),
    (23, 1),
    (24, 1),
    (25, 4),
    (27, 3),
    (28, 3),
    (30, 1),
    (31, 1),
    (84, 4),
    (102, 1),
    (4026, 1),
];

/// The 50 most common other bare tags and their models, fitted to the December 2024 recorded
/// snapshot of 4,712 models.
pub const OTHER_TAGS: &[(&str, u32)] = &[
    ("llama", 517),
    ("tf", 456),
    ("bert", 416),
    ("model-index", 352),
    ("jax", 329),
    ("custom_code", 317),
    ("onnx", 275),
    ("stable-diffusion", 261),
    ("qwen2", 243),
    ("feature-extraction", 206),
    ("text-embeddings-inference", 189),
    ("vision", 184),
    ("lora", 165),
    ("multilingual", 158),
    ("chat", 158),
    ("4-bit", 157),
    ("mistral", 154),
    ("roberta", 153),
    ("text2text-generation", 143),
    ("audio", 139),
    ("transformers", 136),
    ("generated_from_trainer", 135),
    ("t5", 122),
    ("meta", 122),
    ("facebook", 119),
    ("code", 116),
    ("llama-3", 113),
    ("tensorboard", 104),
    ("mteb", 97),
    ("stable-diffusion-xl", 96),
    ("speech", 95),
    ("merge", 93),
    ("mergekit", 90),
    ("wav2vec2", 85),
    ("marian", 80),
    ("unsloth", 78),
    ("imatrix", 78),
    ("stable-diffusion-diffusers", 70),
    ("qwen", 69),
    ("flux", 69),
    ("rust", 65),
    ("xlm-roberta", 64),
    ("openvino", 62),
    ("8-bit", 57),
    ("distilbert", 56),
    ("clip", 55),
    ("trl", 51),
    ("hf-asr-leaderboard", 51),
    ("GGUF", 49),
    ("nlp", 48),
];

/// Occurrences of the tags of [`OTHER_TAGS`] and of all other bare tags, fitted to the
/// December 2024 recorded snapshot of 4,712 models. The other tags are drawn from a long tail.
pub const OTHER_TAGS_TOP_SHARE: (u32, u32) = (12258, 31351);

/// Distinct other bare tags beyond the top 50, the size of the long tail, in the December 2024
/// recorded snapshot of 4,712 models.
pub const OTHER_TAGS_TAIL: u64 = 6048;

/// Models per number of language tags, fitted to the December 2024 recorded snapshot of 4,712
/// models.
pub const LANGUAGE_COUNTS: &[(u32, u32)] = &[
    (0, 2328),
    (1, 1777),
    (2, 247),
    (3, 11),
    (4, 32),
    (5, 13),
    (6, 11),
    (7, 3),
    (8, 93),
    (9, 19),
    (10, 18),
    (11, 5),
    (12, 12),
    (13, 5),
    (15, 5),
    (16, 1),
    (17, 2),
    (18, 3),
    (20, 1),
    (21, 1),
    (23, 8),
    (24, 4),
    (26, 1),
    (28, 1),
    (33, 1),
    (35, 7),
    (38, 1),
    (39, 1),
    (42, 8),
    (47, 4),
    (49, 3),
    (50, 1),
    (52, 3),
    (53, 1),
    (73, 1),
    (74, 2),
    (76, 1),
    (83, 6),
    (85, 3),
    (92, 3),
    (93, 22),
    (95, 6),
    (96, 3),
    (97, 19),
    (101, 1),
    (106, 3),
    (112, 1),
    (115, 4),
    (119, 1),
    (128, 5),
];

/// The 45 most common languages and their models, fitted to the December 2024 recorded
/// snapshot of 4,712 models. Longer lists continue with other ISO 639-1 codes.
pub const LANGUAGES: &[(&str, u32)] = &[
    ("en", 1969),
    ("fr", 350),
    ("de", 345),
    ("es", 321),
    ("zh", 304),
    ("it", 286),
    ("pt", 285),
    ("ja", 235),
    ("hi", 233),
    ("ru", 231),
    ("ko", 200),
    ("th", 197),
    ("ar", 172),
    ("vi", 156),
    ("nl", 154),
    ("tr", 149),
    ("pl", 140),
    ("ro", 136),
    ("id", 130),
    ("el", 123),
    ("uk", 120),
    ("cs", 119),
    ("sv", 119),
    ("bn", 112),
    ("fi", 112),
    ("bg", 111),
    ("hu", 110),
    ("fa", 109),
    ("da", 109),
    ("ca", 108),
    ("et", 107),
    ("mr", 107),
    ("ta", 107),
    ("sl", 107),
    ("te", 104),
    ("ur", 104),
    ("gu", 103),
    ("ml", 103),
    ("lt", 102),
    ("lv", 99),
    ("he", 97),
    ("my", 97),
    ("sk", 97),
    ("kn", 96),
    ("pa", 96),
];

/// Models with a `license:` tag and all models, fitted to the December 2024 recorded snapshot
/// of 4,712 models.
pub const LICENSE_SHARE: (u32, u32) = (3748, 4712);

/// Licenses and their models, fitted to the December 2024 recorded snapshot of 4,712 models.
pub const LICENSES: &[(&str, u32)] = &[
    ("apache-2.0", 1502),
    ("mit", 676),
    ("other", 555),
    ("creativeml-openrail-m", 175),
    ("cc-by-nc-4.0", 158),
    ("llama3.1", 79),
    ("cc-by-nc-sa-4.0", 70),
    ("gemma", 59),
    ("llama3", 58),
    ("llama3.2", 55),
    ("cc-by-4.0", 55),
    ("llama2", 53),
    ("openrail++", 39),
    ("openrail", 28),
    ("cc-by-sa-4.0", 28),
    ("llama3.3", 24),
    ("gpl-3.0", 21),
    ("bsd-3-clause", 21),
    ("unknown", 13),
    ("cc", 13),
    ("afl-3.0", 9),
    ("cc-by-nc-nd-4.0", 9),
    ("agpl-3.0", 8),
    ("bigscience-bloom-rail-1.0", 7),
    ("cc0-1.0", 6),
    ("cc-by-nc-3.0", 4),
    ("apple-ascl", 4),
    ("bigcode-openrail-m", 4),
    ("unlicense", 3),
    ("bigscience-openrail-m", 3),
    ("cc-by-nc-2.0", 3),
    ("cc-by-sa-3.0", 2),
    ("mpl-2.0", 2),
    ("cdla-permissive-2.0", 2),
    ("gfdl", 1),
    ("wtfpl", 1),
    ("artistic-2.0", 1),
    ("gpl", 1),
    ("cc-by-2.0", 1),
    ("cc-by-nc-sa-2.0", 1),
];

/// Models per number of `dataset:` tags, fitted to the December 2024 recorded snapshot of
/// 4,712 models.
pub const DATASET_COUNTS: &[(u32, u32)] = &[
    (0, 3563),
    (1, 785),
    (2, 147),
    (3, 62),
    (4, 47),
    (5, 21),
    (6, 15),
    (7, 9),
    (8, 11),
    (9, 4),
    (10, 13),
    (11, 2),
    (12, 4),
    (13, 14),
    (15, 1),
    (16, 1),
    (19, 2),
    (20, 1),
    (21, 4),
    (22, 2),
    (31, 1),
    (200, 1),
    (267, 1),
    (289, 1),
];

/// Distinct datasets per model, the size of the dataset pool: 1,417 datasets for the 4,712
/// models of the December 2024 recorded snapshot.
pub const DATASETS_PER_MODEL: f64 = 1417.0 / 4712.0;

/// Models per number of `arxiv:` tags, fitted to the December 2024 recorded snapshot of 4,712
/// models.
pub const ARXIV_COUNTS: &[(u32, u32)] = &[
    (0, 2698),
    (1, 1335),
    (2, 386),
    (3, 139),
    (4, 61),
    (5, 44),
    (6, 10),
    (7, 4),
    (8, 7),
    (9, 1),
    (10, 1),
    (18, 2),
    (20, 3),
    (23, 7),
    (24, 12),
    (25, 2),
];

/// Models with `base_model:` tags and all models, fitted to the December 2024 recorded
/// snapshot of 4,712 models.
pub const BASE_MODEL_SHARE: (u32, u32) = (1331, 4712);

/// Models per relation to their base models, fitted to the December 2024 recorded snapshot of
/// 4,712 models.
pub const BASE_MODEL_RELATIONS: &[(&str, u32)] = &[
    ("finetune", 621),
    ("quantized", 442),
    ("adapter", 199),
    ("merge", 69),
];

/// Merges per number of merged base models, fitted to the December 2024 recorded snapshot of
/// 4,712 models.
pub const MERGE_PARENTS: &[(u32, u32)] = &[
    (1, 2),
    (2, 38),
    (3, 6),
    (4, 9),
    (5, 2),
    (6, 3),
    (7, 5),
    (8, 1),
    (9, 1),
    (11, 2),
];

/// Diffusers models with a `diffusers:` pipeline tag and all diffusers models, fitted to the
/// December 2024 recorded snapshot of 4,712 models.
pub const DIFFUSERS_PIPELINE_SHARE: (u32, u32) = (307, 564);

/// The most common diffusers pipelines and their models, fitted to the December 2024 recorded
/// snapshot of 4,712 models.
pub const DIFFUSERS_PIPELINES: &[(&str, u32)] = &[
    ("StableDiffusionXLPipeline", 126),
    ("StableDiffusionPipeline", 98),
    ("FluxPipeline", 14),
    ("StableDiffusion3Pipeline", 7),
    ("StableDiffusionInpaintPipeline", 4),
    ("CogVideoXPipeline", 3),
    ("MarigoldPipeline", 3),
    ("StableVideoDiffusionPipeline", 3),
];

/// Models created at the placeholder `2022-03-02T23:29:04.000Z`, at `…:05.000Z` from the same
/// batch, and all models, fitted to the December 2024 recorded snapshot of 4,712 models.
pub const PLACEHOLDER_CREATED: (u32, u32, u32) = (235, 576, 4712);

/// Models created per month, from March 2022 to January 2025, fitted to the December 2024
/// recorded snapshot of 4,712 models.
pub const CREATED_MONTHS: &[(i16, i8, u32)] = &[
    (2022, 3, 20),
    (2022, 4, 29),
    (2022, 5, 39),
    (2022, 6, 17),
    (2022, 7, 22),
    (2022, 8, 19),
    (2022, 9, 37),
    (2022, 10, 40),
    (2022, 11, 77),
    (2022, 12, 75),
    (2023, 1, 52),
    (2023, 2, 51),
    (2023, 3, 64),
    (2023, 4, 89),
    (2023, 5, 63),
    (2023, 6, 54),
    (2023, 7, 65),
    (2023, 8, 63),
    (2023, 9, 81),
    (2023, 10, 86),
    (2023, 11, 86),
    (2023, 12, 86),
    (2024, 1, 96),
    (2024, 2, 105),
    (2024, 3, 89),
    (2024, 4, 138),
    (2024, 5, 135),
    (2024, 6, 158),
    (2024, 7, 205),
    (2024, 8, 185),
    (2024, 9, 300),
    (2024, 10, 227),
    (2024, 11, 378),
    (2024, 12, 502),
    (2025, 1, 168),
];

/// The first creation time of March 2022 after the placeholder batch, in Unix seconds
/// (2022-03-03T00:00:00Z).
pub const FIRST_CREATED: i64 = 1_646_265_600;

/// The end of the recording, in Unix seconds (2025-01-12T06:00:00Z): the latest createdAt of
/// the December 2024 recorded snapshot of 4,712 models is 2025-01-12T05:57:20Z.
pub const SNAPSHOT_END: i64 = 1_736_661_600;

/// Days from createdAt to lastModified, quantiles fitted to the 77 models of the December 2024
/// recorded snapshot of 4,712 models that have a full document.
pub const LAST_MODIFIED_DAYS: &[(f64, f64)] = &[
    (0.0, 0.0),
    (0.1, 0.0),
    (0.25, 3.0),
    (0.5, 10.0),
    (0.75, 29.0),
    (0.9, 52.0),
    (1.0, 278.0),
];

/// Quantiles of log10(1 + downloads), fitted to the December 2024 recorded snapshot of 4,712
/// models, 289 of which (6.1%) had none.
// NOTE: the snapshot was recorded sorted by downloads and by trending score, so these counts,
// and the likes below, are far above those of a typical Hub model.
pub const LOG_DOWNLOADS: &[(f64, f64)] = &[
    (0.0, 0.0),
    (0.0613, 0.0),
    (0.07, 1.0),
    (0.1, 1.5922),
    (0.15, 2.1614),
    (0.2, 2.6296),
    (0.3, 3.5604),
    (0.4, 4.1508),
    (0.5, 4.3212),
    (0.6, 4.5361),
    (0.7, 4.8059),
    (0.8, 5.1139),
    (0.85, 5.364),
    (0.9, 5.6387),
    (0.95, 6.0329),
    (0.98, 6.4972),
    (0.99, 6.7363),
    (0.995, 7.0692),
    (0.999, 7.4953),
    (1.0, 8.2984),
];

/// Quantiles of log10(1 + likes), fitted to the December 2024 recorded snapshot of 4,712
/// models; 394 of them (8.4%) had none.
pub const LOG_LIKES: &[(f64, f64)] = &[
    (0.0, 0.0),
    (0.0836, 0.0),
    (0.1, 0.301),
    (0.15, 0.4771),
    (0.2, 0.6021),
    (0.3, 0.7782),
    (0.4, 1.0),
    (0.5, 1.2304),
    (0.6, 1.4624),
    (0.7, 1.699),
    (0.8, 2.017),
    (0.85, 2.1959),
    (0.9, 2.4081),
    (0.95, 2.7259),
    (0.98, 3.045),
    (0.99, 3.2195),
    (0.995, 3.4393),
    (0.999, 3.6721),
    (1.0, 3.8503),
];

/// Correlation of the Gaussian copula joining downloads and likes, from their Spearman rank
/// correlation (0.200) in the December 2024 recorded snapshot of 4,712 models.
pub const DOWNLOADS_LIKES_CORRELATION: f64 = 0.2089;

/// Models with a positive trendingScore and all models, fitted to the December 2024 recorded
/// snapshot of 4,712 models; the others get 0.
pub const TRENDING_SHARE: (u32, u32) = (2368, 4712);

/// Quantiles of log10(trendingScore) of the models that have one, fitted to the December 2024
/// recorded snapshot of 4,712 models.
pub const LOG_TRENDING: &[(f64, f64)] = &[
    (0.0, 0.0),
    (0.07, 0.0),
    (0.1, 0.301),
    (0.4, 0.301),
    (0.5, 0.4771),
    (0.6, 0.4771),
    (0.7, 0.6021),
    (0.8, 0.7782),
    (0.85, 0.9031),
    (0.9, 1.0),
    (0.95, 1.415),
    (0.98, 1.7377),
    (0.99, 1.9589),
    (0.995, 2.1611),
    (0.999, 2.814),
    (1.0, 3.0449),
];

/// Range of log10(downloadsAllTime / downloads). Chosen, not fitted: the December 2024
/// recorded snapshot of 4,712 models has no downloadsAllTime.
pub const LOG_ALL_TIME_RATIO: (f64, f64) = (0.0, 2.0);

/// Models per `gated` value (`None` for false), fitted to the 77 models of the December 2024
/// recorded snapshot of 4,712 models that have a full document.
pub const GATED: &[(Option<&str>, u32)] = &[(None, 59), (Some("auto"), 10), (Some("manual"), 8)];

/// Safetensors dtypes and their models, fitted to the 40 models of the December 2024 recorded
/// snapshot of 4,712 models whose full document has a safetensors summary.
pub const SAFETENSORS_DTYPES: &[(&str, u32)] = &[("BF16", 30), ("F32", 6), ("F16", 4)];
