//! The report as text tables for a terminal.

use std::fmt::Write as _;

use super::report::{Report, Share, Volume};

/// `0.8125` → `81.3 %`.
pub(crate) fn percent(share: f64) -> String {
    format!("{:.1} %", share * 100.0)
}

/// Minutes of working time as `2 h 05 min` (or `45 min`).
pub(crate) fn duration(minutes: f64) -> String {
    let total = minutes.round() as i64;
    if total < 60 {
        format!("{total} min")
    } else {
        format!("{} h {:02} min", total / 60, total % 60)
    }
}

fn share(s: Share) -> String {
    format!("{} ({})", s.count, percent(s.share))
}

fn yes_no(b: bool) -> &'static str {
    if b { "yes" } else { "NO" }
}

/// Writes rows as a left-aligned table with a header and a rule.
fn table(out: &mut String, header: &[&str], rows: &[Vec<String>]) {
    let mut widths: Vec<usize> = header.iter().map(|h| h.chars().count()).collect();
    for row in rows {
        for (w, cell) in widths.iter_mut().zip(row) {
            *w = (*w).max(cell.chars().count());
        }
    }
    let line = |out: &mut String, cells: &mut dyn Iterator<Item = &str>| {
        let mut text = String::new();
        for (cell, w) in cells.zip(&widths) {
            let pad = w.saturating_sub(cell.chars().count());
            let _ = write!(text, "{cell}{}  ", " ".repeat(pad));
        }
        let _ = writeln!(out, "  {}", text.trim_end());
    };
    line(out, &mut header.iter().copied());
    let rule: Vec<String> = widths.iter().map(|w| "-".repeat(*w)).collect();
    line(out, &mut rule.iter().map(String::as_str));
    for row in rows {
        line(out, &mut row.iter().map(String::as_str));
    }
    out.push('\n');
}

fn volumes(out: &mut String, title: &str, v: &[Volume]) {
    let _ = writeln!(out, "{title}");
    let rows: Vec<Vec<String>> = v
        .iter()
        .map(|v| {
            vec![
                v.key.clone(),
                v.name.clone().unwrap_or_default(),
                v.count.to_string(),
                percent(v.share),
            ]
        })
        .collect();
    table(out, &["", "name", "count", "share"], &rows);
}

/// The report as text tables.
pub fn to_text(r: &Report) -> String {
    let mut out = String::new();
    let _ = writeln!(out, "Enquiry statistics: {}", r.municipality);
    let _ = writeln!(
        out,
        "Period: {} – {}, by {:?}, as of {} ({})",
        r.from.as_deref().unwrap_or("start"),
        r.to.as_deref().unwrap_or("end"),
        r.period,
        r.as_of,
        r.time_zone
    );
    let l = &r.lines;
    let _ = writeln!(
        out,
        "Lines: {} read, {} counted, {} malformed, {} outside the period, {} without received_at, {} routed here\n",
        l.read, l.counted, l.malformed, l.outside_period, l.without_received_at, l.routed_here
    );
    volumes(&mut out, "Volume per channel", &r.by_channel);
    volumes(&mut out, "Volume per department", &r.by_department);
    volumes(&mut out, "Volume per enquiry type", &r.by_type);
    volumes(&mut out, "Volume per ROSA level", &r.by_level);
    volumes(&mut out, "Volume per period", &r.by_period);

    let m = &r.rosa_mix;
    let _ = writeln!(out, "ROSA mix");
    table(
        &mut out,
        &["levels", "enquiries"],
        &[
            vec!["1–2 simple".into(), share(m.simple)],
            vec!["3–4".into(), share(m.routine)],
            vec!["5–6".into(), share(m.complex)],
            vec!["no level".into(), share(m.unmatched)],
        ],
    );
    let _ = writeln!(
        out,
        "  simple share within the goal {}–{}: {}\n",
        percent(r.goals.simple_share_min),
        percent(r.goals.simple_share_max),
        yes_no(m.simple_within_goal)
    );

    let f = &r.first_line;
    let _ = writeln!(out, "First-line resolution");
    let _ = writeln!(
        out,
        "  resolved at the first line: {} of {}; goal {}: {}",
        share(f.resolved),
        r.total,
        percent(r.goals.first_line_share),
        yes_no(f.meets_goal)
    );
    let _ = writeln!(
        out,
        "  judged by: outcome {}, forwarded_to {}, decision only {}\n",
        f.from_outcome, f.from_forwarded_to, f.from_decision
    );

    let _ = writeln!(
        out,
        "Service targets (working time; goal {} within target)",
        percent(r.goals.within_target_share)
    );
    let rows: Vec<Vec<String>> = r
        .service
        .iter()
        .map(|s| {
            let (median, p90) = s.time_to_answer.map_or(("-".into(), "-".into()), |t| {
                (duration(t.median_minutes), duration(t.p90_minutes))
            });
            vec![
                s.channel.to_string(),
                s.target.clone().unwrap_or_else(|| "-".into()),
                s.enquiries.to_string(),
                s.answered.to_string(),
                share(s.within_target),
                if s.answered > 0 {
                    yes_no(s.meets_goal)
                } else {
                    "-"
                }
                .into(),
                median,
                p90,
                s.open.to_string(),
                s.overdue.to_string(),
                s.without_target.to_string(),
            ]
        })
        .collect();
    table(
        &mut out,
        &[
            "channel",
            "target",
            "enquiries",
            "answered",
            "within target",
            "goal met",
            "median",
            "90th pct",
            "open",
            "overdue",
            "no target",
        ],
        &rows,
    );

    let overdue: u64 = r.service.iter().map(|s| s.overdue).sum();
    let _ = writeln!(out, "Open enquiries overdue: {overdue}");
    if !r.overdue.is_empty() {
        let rows: Vec<Vec<String>> = r
            .overdue
            .iter()
            .map(|o| {
                vec![
                    o.id.clone(),
                    o.channel.to_string(),
                    o.handler.clone(),
                    o.received_at.clone(),
                    o.due.clone(),
                    duration(o.overdue_minutes),
                ]
            })
            .collect();
        table(
            &mut out,
            &["id", "channel", "handler", "received", "due", "overdue by"],
            &rows,
        );
    } else {
        out.push('\n');
    }

    let u = &r.unmatched;
    let _ = writeln!(
        out,
        "Unmatched enquiries: {}; ambiguous: {}",
        share(u.enquiries),
        share(u.ambiguous)
    );
    if !u.top_words.is_empty() {
        let words: Vec<String> = u
            .top_words
            .iter()
            .map(|w| format!("{} ({})", w.word, w.count))
            .collect();
        let _ = writeln!(
            out,
            "  most common words{}: {}",
            if u.words_exact { "" } else { " (approximate)" },
            words.join(", ")
        );
    }
    let near = [
        ("terms misspelt by one letter", &u.near_spellings),
        (
            "recognised through a word one letter off",
            &u.near_spellings_counted,
        ),
    ];
    for (label, rows) in near.into_iter().filter(|(_, rows)| !rows.is_empty()) {
        let terms: Vec<String> = rows
            .iter()
            .map(|n| format!("{} in {} ({})", n.term, n.enquiry_type, n.count))
            .collect();
        let _ = writeln!(out, "  {label}: {}", terms.join(", "));
    }
    if !r.malformed.is_empty() {
        let _ = writeln!(out, "\nMalformed lines: {}", r.lines.malformed);
        for m in &r.malformed {
            let _ = writeln!(out, "  line {}: {}", m.line, m.message);
        }
    }
    out
}
