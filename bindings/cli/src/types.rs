//! `kommunlots types`: the catalogue of a rule set's enquiry types, per
//! department, with where the ROSA policy sends each.

use std::io::{self, BufWriter, Write};
use std::path::PathBuf;

use kommunlots::decision::TermKind;
use kommunlots::{EnquiryTypeInfo, Language, Router, SearchPattern, TermInfo};
use serde::Serialize;

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
    /// Also list each type's terms with the stems they are searched by
    /// (`…` where a word may go on or begin; see rules/README.md).
    #[arg(long)]
    pub terms: bool,
}

/// A type with its terms, for `--terms --format json`.
#[derive(Serialize)]
struct TypeWithTerms<'a> {
    #[serde(flatten)]
    info: EnquiryTypeInfo<'a>,
    terms: Vec<TermInfo<'a>>,
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
        Format::Json if args.terms => {
            let types: Vec<TypeWithTerms<'_>> = types
                .into_iter()
                .map(|info| TypeWithTerms {
                    terms: terms_of(&router, info.id),
                    info,
                })
                .collect();
            serde_json::to_writer_pretty(&mut out, &types).map_err(io::Error::from)?;
            writeln!(out)?;
        }
        Format::Json => {
            serde_json::to_writer_pretty(&mut out, &types).map_err(io::Error::from)?;
            writeln!(out)?;
        }
        Format::Text => write_table(&mut out, &types, args.terms.then_some(&router))?,
    }
    out.flush()?;
    Ok(SUCCESS)
}

/// The terms of the type `id` (every listed type is the router's own).
fn terms_of<'a>(router: &'a Router, id: &str) -> Vec<TermInfo<'a>> {
    router.terms(id).map(Iterator::collect).unwrap_or_default()
}

/// A search pattern as the text output shows it: each stem with `…` where
/// the word may go on, and before the first where it may also be found
/// inside a word (`…slambrun…`, `septic… tank…`, `e faktur…`).
fn pattern_text(p: &SearchPattern) -> String {
    let words: Vec<String> = p
        .stems
        .iter()
        .map(|s| match s.strip_suffix(' ') {
            Some(whole) => whole.to_owned(),
            None => format!("{s}…"),
        })
        .collect();
    let joined = words.join(" ");
    if p.inside_words {
        format!("…{joined}")
    } else {
        joined
    }
}

/// One line per term under its type: language, kind, weight, the term and
/// how it is searched for.
fn write_terms(out: &mut impl Write, terms: &[TermInfo<'_>]) -> io::Result<()> {
    let width = terms
        .iter()
        .map(|t| t.term.chars().count())
        .max()
        .unwrap_or(0);
    for t in terms {
        let language = match t.language {
            Language::Swedish => "sv",
            Language::English => "en",
        };
        let kind = match (t.negative, t.kind) {
            (true, _) => "negative",
            (false, TermKind::Keyword) => "keyword",
            (false, TermKind::Phrase) => "phrase",
        };
        let weight = if t.negative {
            String::new()
        } else {
            t.weight.to_string()
        };
        let gap = match t.gap {
            0 => String::new(),
            1 => "  (another word may stand between)".to_owned(),
            n => format!("  (up to {n} other words may stand between)"),
        };
        let plain = match &t.plain {
            Some(p) => format!("  (without å, ä, ö: {})", pattern_text(p)),
            None => String::new(),
        };
        writeln!(
            out,
            "      {language} {kind:8} {weight:>3}  {:width$}  {}{gap}{plain}",
            t.term,
            pattern_text(&t.pattern),
        )?;
    }
    Ok(())
}

/// One block per department: a heading, then a line per type with its id,
/// ROSA level, where it goes, secrecy and form codes, then its name; with
/// `router`, each type's terms under it.
fn write_table(
    out: &mut impl Write,
    types: &[EnquiryTypeInfo<'_>],
    router: Option<&Router>,
) -> io::Result<()> {
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
        if let Some(router) = router {
            write_terms(out, &terms_of(router, t.id))?;
        }
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
