use std::process::ExitCode;

fn main() -> ExitCode {
    slmscope::cli::main()
}
