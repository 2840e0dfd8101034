//! `kommunlots`: route enquiries, check rule sets and run their test cases
//! from the command line.
//!
//! Each subcommand lives in its own module with an `Args` struct and a
//! `run` function returning an exit code; adding one is a variant of
//! [`Command`] and an arm in [`run`].

mod calendar;
mod check;
mod corpus;
mod error;
mod output;
mod route;
mod rules;
mod stats;
mod test;
mod types;

use std::process::ExitCode;

use clap::{Parser, Subcommand};

use crate::error::CliError;

const EXAMPLES: &str = "\
Examples:
  kommunlots route --rules rules/klippan \"Varför har ni inte plogat Storgatan?\"
  kommunlots route --rules rules/klippan --channel phone --format json \"snöröjning\"
  kommunlots route --rules rules/klippan < enquiries.jsonl > decisions.jsonl
  kommunlots check rules/klippan --strict
  kommunlots test rules/klippan snow
  kommunlots test rules/klippan --corpus core/tests/data/klippan-enquiries.jsonl
  kommunlots types rules/klippan --department social
  kommunlots stats --rules rules/klippan --format html -o rapport.html log.jsonl
  kommunlots holidays --year 2027
  kommunlots due --rules rules/klippan --channel email --received 2027-03-25T16:30:00+01:00
  kommunlots route --rules rules/klippan --format json snöröjning | kommunlots where --rules rules/klippan --at 2027-04-01T09:00:00+02:00

Exit codes:
  0   success
  1   a test case failed, or `check --strict` found warnings
  2   usage error
  65  the rule set does not load, or input is malformed (a `route` line, the
      decision given to `where`); `stats` skips malformed log lines instead
  66  the rule set folder does not exist
  74  reading or writing failed";

/// Routes Swedish citizens' enquiries to municipal units from TOML rule sets
/// (ROSA levels).
#[derive(Parser, Debug)]
#[command(name = "kommunlots", version, after_help = EXAMPLES)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

/// The subcommands.
#[derive(Subcommand, Debug)]
enum Command {
    /// Route one enquiry given as TEXT, or JSON Lines read from stdin.
    #[command(after_help = route::HELP)]
    Route(route::Args),
    /// Load and validate a rule set; report errors, warnings and coverage.
    Check(check::Args),
    /// Run the `[[test]]` cases of a rule set's department files.
    Test(test::Args),
    /// Report volumes, the ROSA mix, first-line resolution, service-target
    /// compliance and unmatched enquiries from a routing log.
    #[command(after_help = stats::HELP)]
    Stats(stats::Args),
    /// List the closed days (holidays, de facto closed days, closures) of a
    /// year.
    Holidays(calendar::HolidaysArgs),
    /// List the enquiry types per department: ROSA level, first line or
    /// department, secrecy, form codes.
    Types(types::Args),
    /// Print the due time of each step of a route.
    Due(calendar::DueArgs),
    /// Say where an enquiry is at a given time: the active step, whether it
    /// is overdue, the next step.
    Where(calendar::WhereArgs),
}

/// Runs one subcommand and returns its exit code.
fn run(command: &Command) -> Result<u8, CliError> {
    match command {
        Command::Route(args) => route::run(args),
        Command::Check(args) => check::run(args),
        Command::Test(args) => test::run(args),
        Command::Stats(args) => stats::run(args),
        Command::Holidays(args) => calendar::holidays(args),
        Command::Types(args) => types::run(args),
        Command::Due(args) => calendar::due(args),
        Command::Where(args) => calendar::where_is(args),
    }
}

fn main() -> ExitCode {
    // Usage errors exit here with code 2; `--help` and `--version` with 0.
    let cli = Cli::parse();
    let code = run(&cli.command).unwrap_or_else(|e| {
        report(&e);
        e.exit_code()
    });
    ExitCode::from(code)
}

/// Prints an error that stopped a command to stderr.
fn report(e: &CliError) {
    match e {
        CliError::NoInput { what, path, reason } => {
            output::eprint_error(&format!("{what} `{}` {reason}", path.display()));
        }
        CliError::Load(load) => {
            output::eprint_diagnostics(&load.diagnostics);
            let (errors, warnings) = output::count(&load.diagnostics);
            output::eprint_error(&format!(
                "rule set not loaded: {}, {}",
                output::plural(errors, "error"),
                output::plural(warnings, "warning")
            ));
        }
        CliError::Io(io) if error::is_broken_pipe(io) => {}
        CliError::Io(io) => output::eprint_error(&io.to_string()),
        CliError::Usage(message) => output::eprint_error(message),
    }
}

#[cfg(test)]
mod tests {
    use clap::CommandFactory as _;

    use super::Cli;

    #[test]
    fn the_command_line_definition_is_consistent() {
        Cli::command().debug_assert();
    }
}
