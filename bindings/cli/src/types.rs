//! `kommunlots types`: the catalogue of a rule set's enquiry types, per
//! department, with where the ROSA policy sends each.

use std::io::{self, BufWriter, Write};
use std::path::PathBuf;

use kommunlots::EnquiryTypeInfo;

use crate::error::{CliError, SUCCESS};
use crate::output::{self, Format};
use crate::rules;

/// Arguments of `kommunlots types`.
#[derive(clap::Args, Debug)]
pub struct Args {
    /// The rule set folder (holding `municipality.toml` and `departments/`).
    #[arg(value_name = "DIR")]
    pub dir: PathBuf,
    /// Only this department's types (its id, e.g. `teknik`).
    #[arg(long, value_name = "ID")]
    pub department: Option<String>,
    /// Output format: a table per department, or the JSON array the C and
    /// WASM bindings give (`kl_router_enquiry_types_json`, `enquiryTypes()`).
    #[arg(long, value_enum, default_value_t = Format::Text)]
    pub format: Format,
}

/// Runs `kommunlots types`.
pub fn run(args: &Args) -> Result<u8, CliError> {
    let router = rules::load_router(&args.dir)?;
    if let Some(wanted) = &args.department {
        if !router.departments().any(|(id, _)| id == wanted) {
            let known: Vec<&str> = router.departments().map(|(id, _)| id).collect();
            return Err(CliError::Usage(format!(
                "no department `{wanted}` in {}; the departments are: {}",
                args.dir.display(),
                known.join(", ")
            )));
        }
    }
    let types: Vec<EnquiryTypeInfo<'_>> = router
        .enquiry_types()
        .filter(|t| args.department.as_deref().is_none_or(|d| t.department == d))
        .collect();
    let mut out = BufWriter::new(io::stdout().lock());
    match args.format {
        Format::Json => {
            serde_json::to_writer_pretty(&mut out, &types).map_err(io::Error::from)?;
            writeln!(out)?;
        }
        Format::Text => write_table(&mut out, &types)?,
    }
    out.flush()?;
    Ok(SUCCESS)
}

/// One block per department: a heading, then a line per type with its id,
/// ROSA level, where it goes, secrecy and form codes, then its name.
fn write_table(out: &mut impl Write, types: &[EnquiryTypeInfo<'_>]) -> io::Result<()> {
    let id_width = types
        .iter()
        .map(|t| t.id.chars().count())
        .max()
        .unwrap_or(0);
    let forms: Vec<String> = types.iter().map(|t| t.form_codes.join(",")).collect();
    let form_width = forms.iter().map(|f| f.chars().count()).max().unwrap_or(0);
    let mut department = None;
    for (t, forms) in types.iter().zip(&forms) {
        if department != Some(t.department) {
            if department.is_some() {
                writeln!(out)?;
            }
            writeln!(out, "{} ({})", t.department_name, t.department)?;
            department = Some(t.department);
        }
        writeln!(
            out,
            "  {:id_width$}  level {}  {:10}  {:12}  {:form_width$}  {}",
            t.id,
            t.level,
            if t.first_line {
                "first line"
            } else {
                "department"
            },
            if t.confidential { "confidential" } else { "" },
            forms,
            t.name,
        )?;
    }
    let first_line = types.iter().filter(|t| t.first_line).count();
    if !types.is_empty() {
        writeln!(out)?;
    }
    writeln!(
        out,
        "{}, {} at the first line, {} with the departments",
        output::plural(types.len(), "enquiry type"),
        first_line,
        types.len() - first_line
    )
}
