//! The task family of a benchmark, read from its name: `code`, `medical`, `nli`, or `general`
//! for the broad knowledge, reasoning and instruction benchmarks of the general leaderboards.

/// The task families, in the order panes list them.
pub const DOMAINS: [&str; 4] = ["code", "medical", "nli", "general"];

/// Name fragments of code benchmarks, compared on the name in lower case without punctuation.
const CODE: [&str; 9] = [
    "humaneval",
    "mbpp",
    "bigcodebench",
    "evalplus",
    "livecodebench",
    "codecontests",
    "ds1000",
    "swebench",
    "cruxeval",
];

/// Name fragments of medical question-answering benchmarks.
const MEDICAL: [&str; 9] = [
    "medqa",
    "medmcqa",
    "pubmedqa",
    "mmlumedical",
    "clinical",
    "anatomy",
    "medicine",
    "medical",
    "bioasq",
];

/// Name fragments of natural language inference benchmarks.
const NLI: [&str; 8] = ["mnli", "snli", "anli", "qnli", "xnli", "wnli", "rte", "nli"];

/// Returns the task family of a benchmark name.
///
/// Names are compared in lower case with everything but letters and digits removed, so
/// `HumanEval+`, `MedQA-USMLE 4-option` and `ANLI R3` are recognised. NLI fragments must start
/// the name (`rte` occurs inside other words), the others may occur anywhere.
pub fn domain_of(benchmark: &str) -> &'static str {
    let folded: String = benchmark
        .chars()
        .filter(char::is_ascii_alphanumeric)
        .map(|c| c.to_ascii_lowercase())
        .collect();
    if CODE.iter().any(|fragment| folded.contains(fragment)) {
        "code"
    } else if MEDICAL.iter().any(|fragment| folded.contains(fragment)) {
        "medical"
    } else if NLI.iter().any(|fragment| folded.starts_with(fragment)) {
        "nli"
    } else {
        "general"
    }
}

#[cfg(test)]
mod tests {
    use super::domain_of;

    #[test]
    fn code_benchmarks_are_code() {
        for name in [
            "HumanEval",
            "HumanEval+",
            "MBPP+",
            "BigCodeBench-Hard-Instruct",
            "LiveCodeBench v5",
        ] {
            assert_eq!(domain_of(name), "code", "{name}");
        }
    }

    #[test]
    fn medical_benchmarks_are_medical() {
        for name in [
            "MedQA-USMLE 4-option",
            "PubMedQA",
            "MedMCQA",
            "MMLU clinical knowledge",
        ] {
            assert_eq!(domain_of(name), "medical", "{name}");
        }
    }

    #[test]
    fn nli_benchmarks_are_nli() {
        for name in ["MNLI-m", "RTE", "ANLI R3", "XNLI (fr)"] {
            assert_eq!(domain_of(name), "nli", "{name}");
        }
    }

    #[test]
    fn general_benchmarks_are_general() {
        // "TruthfulQA" contains no NLI fragment at its start, and "Winogrande" none anywhere.
        for name in [
            "IFEval",
            "BBH",
            "MATH Lvl 5",
            "GPQA",
            "MMLU-PRO",
            "TruthfulQA",
            "Winogrande",
            "ARC",
        ] {
            assert_eq!(domain_of(name), "general", "{name}");
        }
    }
}
