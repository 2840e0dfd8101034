//! The report as one self-contained HTML page for managers and politicians:
//! Swedish headings, tables, and bar charts drawn by plotters' SVG backend
//! and inlined, so the page fetches nothing when it is viewed.

use std::fmt::Write as _;

use plotters::prelude::*;

use super::report::{Report, Volume};
use super::table::{duration, percent};
use super::words::NearSpellingCount;
use crate::model::Channel;

const STYLE: &str = "body{font-family:system-ui,sans-serif;max-width:60rem;margin:2rem auto;\
padding:0 1rem;color:#222}table{border-collapse:collapse;margin:.5rem 0 1rem}\
td,th{border-bottom:1px solid #ddd;padding:.25rem .75rem;text-align:left}\
td.n,th.n{text-align:right}.ok{color:#1a7f37}.nej{color:#b42318;font-weight:bold}\
svg{max-width:100%;height:auto}";

/// The Swedish name of a channel.
fn kanal(c: Channel) -> &'static str {
    match c {
        Channel::Phone => "telefon",
        Channel::Email => "e-post",
        Channel::EService => "e-tjänst",
        Channel::Letter => "brev",
        Channel::Visit => "besök",
        Channel::SocialMedia => "sociala medier",
    }
}

fn kanal_key(key: &str) -> String {
    key.parse::<Channel>()
        .map_or_else(|_| "okänd".to_owned(), |c| kanal(c).to_owned())
}

/// Escapes text for HTML element content and attribute values.
fn esc(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c => out.push(c),
        }
    }
    out
}

fn goal_mark(met: bool) -> &'static str {
    if met {
        "<span class=\"ok\">uppfyllt</span>"
    } else {
        "<span class=\"nej\">ej uppfyllt</span>"
    }
}

/// A horizontal bar chart as an inline `<svg>`. `goal`, a value on the
/// bars' scale, is drawn as a vertical line.
fn bar_chart(title: &str, bars: &[(String, f64)], goal: Option<f64>, percent_axis: bool) -> String {
    if bars.is_empty() {
        return String::new();
    }
    let max = bars
        .iter()
        .map(|b| b.1)
        .chain(goal)
        .fold(0.0f64, f64::max)
        .max(1.0);
    let n = bars.len();
    let height = 60 + 28 * u32::try_from(n).unwrap_or(u32::MAX / 64).min(200);
    let mut svg = String::new();
    let drawn = draw(
        &mut svg,
        (720, height),
        title,
        bars,
        max,
        goal,
        percent_axis,
    );
    if drawn.is_err() {
        return String::new();
    }
    // Inline SVG in HTML needs no namespace; dropping it keeps the page
    // free of any URL.
    svg.replace(" xmlns=\"http://www.w3.org/2000/svg\"", "")
}

#[allow(clippy::too_many_arguments)]
fn draw(
    svg: &mut String,
    size: (u32, u32),
    title: &str,
    bars: &[(String, f64)],
    max: f64,
    goal: Option<f64>,
    percent_axis: bool,
) -> Result<(), String> {
    let root = SVGBackend::with_string(svg, size).into_drawing_area();
    root.fill(&WHITE).map_err(|e| e.to_string())?;
    let n = i32::try_from(bars.len()).unwrap_or(i32::MAX);
    let mut chart = ChartBuilder::on(&root)
        .caption(title, ("sans-serif", 18))
        .margin(10)
        .x_label_area_size(28)
        .y_label_area_size(200)
        .build_cartesian_2d(0.0..max * 1.05, (0..n).into_segmented())
        .map_err(|e| e.to_string())?;
    let labels: Vec<&str> = bars.iter().map(|b| b.0.as_str()).collect();
    let y_label = |v: &SegmentValue<i32>| match v {
        SegmentValue::CenterOf(i) => usize::try_from(*i)
            .ok()
            .and_then(|i| labels.get(i))
            .map_or_else(String::new, |s| truncate(s, 28)),
        _ => String::new(),
    };
    let x_label = |v: &f64| {
        if percent_axis {
            format!("{:.0} %", v * 100.0)
        } else {
            format!("{v:.0}")
        }
    };
    chart
        .configure_mesh()
        .disable_y_mesh()
        .y_labels(bars.len())
        .y_label_formatter(&y_label)
        .x_label_formatter(&x_label)
        .label_style(("sans-serif", 13))
        .draw()
        .map_err(|e| e.to_string())?;
    let fill = RGBColor(31, 95, 153).filled();
    chart
        .draw_series(bars.iter().zip(0..).map(|((_, v), i)| {
            let mut bar = Rectangle::new(
                [
                    (0.0, SegmentValue::Exact(i)),
                    (*v, SegmentValue::Exact(i + 1)),
                ],
                fill,
            );
            bar.set_margin(4, 4, 0, 0);
            bar
        }))
        .map_err(|e| e.to_string())?;
    if let Some(g) = goal {
        chart
            .draw_series(std::iter::once(PathElement::new(
                vec![(g, SegmentValue::Exact(0)), (g, SegmentValue::Last)],
                RGBColor(180, 35, 24).stroke_width(2),
            )))
            .map_err(|e| e.to_string())?;
    }
    root.present().map_err(|e| e.to_string())?;
    Ok(())
}

fn truncate(s: &str, max: usize) -> String {
    if s.chars().count() <= max {
        s.to_owned()
    } else {
        let mut t: String = s.chars().take(max - 1).collect();
        t.push('…');
        t
    }
}

fn volume_table(out: &mut String, first: &str, rows: &[Volume], key: impl Fn(&Volume) -> String) {
    let _ = writeln!(
        out,
        "<table><tr><th>{}</th><th class=\"n\">Antal</th><th class=\"n\">Andel</th></tr>",
        esc(first)
    );
    for v in rows {
        let _ = writeln!(
            out,
            "<tr><td>{}</td><td class=\"n\">{}</td><td class=\"n\">{}</td></tr>",
            esc(&key(v)),
            v.count,
            percent(v.share)
        );
    }
    out.push_str("</table>\n");
}

/// A table of near-spelled terms under `title`, if there are any.
fn near_table(out: &mut String, title: &str, rows: &[NearSpellingCount]) {
    if rows.is_empty() {
        return;
    }
    let _ = write!(
        out,
        "<h3>{title}</h3>\n<table><tr><th>Term</th><th>Ärendeslag</th><th class=\"n\">Ärenden</th></tr>\n"
    );
    for n in rows {
        let _ = writeln!(
            out,
            "<tr><td>{}</td><td>{}</td><td class=\"n\">{}</td></tr>",
            esc(&n.term),
            esc(&n.enquiry_type),
            n.count
        );
    }
    out.push_str("</table>\n");
}

fn label(v: &Volume) -> String {
    v.name.clone().unwrap_or_else(|| v.key.clone())
}

/// The report as a self-contained HTML page with inline SVG charts.
pub fn to_html(r: &Report) -> String {
    let mut o = String::new();
    let title = format!("Ärendestatistik – {}", r.municipality);
    let _ = writeln!(
        o,
        "<!DOCTYPE html>\n<html lang=\"sv\"><head><meta charset=\"utf-8\">\
         <title>{}</title><style>{STYLE}</style></head><body>",
        esc(&title)
    );
    let _ = writeln!(o, "<h1>{}</h1>", esc(&title));
    let period = match r.period {
        super::Period::Day => "dag",
        super::Period::Week => "vecka",
        super::Period::Month => "månad",
    };
    let _ = writeln!(
        o,
        "<p>Ärenden mottagna {} – {}, per {period}. Läge per {} ({}). {} ärenden räknade av {} lästa rader; \
         {} felaktiga rader.</p>",
        esc(r.from.as_deref().unwrap_or("början")),
        esc(r.to.as_deref().unwrap_or("slut")),
        esc(&r.as_of),
        esc(&r.time_zone),
        r.total,
        r.lines.read,
        r.lines.malformed
    );

    let g = &r.goals;
    let f = &r.first_line;
    let m = &r.rosa_mix;
    o.push_str("<h2>Sammanfattning mot målen</h2>\n<table><tr><th>Mått</th><th class=\"n\">Utfall</th><th class=\"n\">Mål</th><th></th></tr>\n");
    let _ = writeln!(
        o,
        "<tr><td>Lösta i första linjen</td><td class=\"n\">{}</td><td class=\"n\">minst {}</td><td>{}</td></tr>",
        percent(f.resolved.share),
        percent(g.first_line_share),
        goal_mark(f.meets_goal)
    );
    let _ = writeln!(
        o,
        "<tr><td>Enkla ärenden (ROSA 1–2)</td><td class=\"n\">{}</td><td class=\"n\">{}–{}</td><td>{}</td></tr>",
        percent(m.simple.share),
        percent(g.simple_share_min),
        percent(g.simple_share_max),
        goal_mark(m.simple_within_goal)
    );
    for s in r.service.iter().filter(|s| s.answered > 0) {
        let _ = writeln!(
            o,
            "<tr><td>Besvarade inom servicemålet, {}</td><td class=\"n\">{}</td><td class=\"n\">minst {}</td><td>{}</td></tr>",
            kanal(s.channel),
            percent(s.within_target.share),
            percent(g.within_target_share),
            goal_mark(s.meets_goal)
        );
    }
    o.push_str("</table>\n");

    o.push_str("<h2>Volym per period</h2>\n");
    let bars: Vec<(String, f64)> = r
        .by_period
        .iter()
        .map(|v| (v.key.clone(), v.count as f64))
        .collect();
    o.push_str(&bar_chart("Ärenden per period", &bars, None, false));
    volume_table(&mut o, "Period", &r.by_period, |v| v.key.clone());

    o.push_str("<h2>Volym per kanal</h2>\n");
    let bars: Vec<(String, f64)> = r
        .by_channel
        .iter()
        .map(|v| (kanal_key(&v.key), v.count as f64))
        .collect();
    o.push_str(&bar_chart("Ärenden per kanal", &bars, None, false));
    volume_table(&mut o, "Kanal", &r.by_channel, |v| kanal_key(&v.key));

    o.push_str("<h2>Volym per förvaltning</h2>\n");
    let bars: Vec<(String, f64)> = r
        .by_department
        .iter()
        .map(|v| (label(v), v.count as f64))
        .collect();
    o.push_str(&bar_chart("Ärenden per förvaltning", &bars, None, false));
    volume_table(&mut o, "Förvaltning", &r.by_department, label);

    o.push_str("<h2>Volym per ärendetyp</h2>\n");
    volume_table(&mut o, "Ärendetyp", &r.by_type, label);

    o.push_str("<h2>ROSA-fördelning</h2>\n");
    let bars = vec![
        ("Nivå 1–2 (enkla)".to_owned(), m.simple.share),
        ("Nivå 3–4".to_owned(), m.routine.share),
        ("Nivå 5–6".to_owned(), m.complex.share),
        ("Ingen nivå (omatchade)".to_owned(), m.unmatched.share),
    ];
    o.push_str(&bar_chart("Andel per ROSA-nivå", &bars, None, true));
    let _ = writeln!(
        o,
        "<p>Underlaget förväntar sig {}–{} enkla ärenden (nivå 1–2): {}.</p>",
        percent(g.simple_share_min),
        percent(g.simple_share_max),
        goal_mark(m.simple_within_goal)
    );
    volume_table(&mut o, "Nivå", &r.by_level, |v| {
        if v.key == "unmatched" {
            "ingen nivå".to_owned()
        } else {
            format!("nivå {}", v.key)
        }
    });

    o.push_str("<h2>Lösta i första linjen</h2>\n");
    let _ = writeln!(
        o,
        "<p>{} av {} ärenden ({}) löstes i första linjen utan att lämnas vidare; målet är minst {}: {}.</p>\
         <p>Bedömt efter utfallet i loggen för {} ärenden, efter vidarebefordran för {} och efter beslutets \
         första linje (hur ärendet styrdes, inte hur det slutade) för {}.</p>",
        f.resolved.count,
        r.total,
        percent(f.resolved.share),
        percent(g.first_line_share),
        goal_mark(f.meets_goal),
        f.from_outcome,
        f.from_forwarded_to,
        f.from_decision
    );

    o.push_str("<h2>Servicemål per kanal</h2>\n");
    let bars: Vec<(String, f64)> = r
        .service
        .iter()
        .filter(|s| s.answered > 0)
        .map(|s| (kanal(s.channel).to_owned(), s.within_target.share))
        .collect();
    o.push_str(&bar_chart(
        "Andel besvarade inom servicemålet (röd linje: målet)",
        &bars,
        Some(g.within_target_share),
        true,
    ));
    o.push_str("<table><tr><th>Kanal</th><th>Servicemål</th><th class=\"n\">Ärenden</th><th class=\"n\">Besvarade</th>\
        <th class=\"n\">Inom målet</th><th class=\"n\">Median</th><th class=\"n\">90:e percentilen</th>\
        <th class=\"n\">Öppna</th><th class=\"n\">Försenade</th></tr>\n");
    for s in &r.service {
        let (median, p90) = s.time_to_answer.map_or(("–".into(), "–".into()), |t| {
            (duration(t.median_minutes), duration(t.p90_minutes))
        });
        let _ = writeln!(
            o,
            "<tr><td>{}</td><td>{}</td><td class=\"n\">{}</td><td class=\"n\">{}</td><td class=\"n\">{}</td>\
             <td class=\"n\">{median}</td><td class=\"n\">{p90}</td><td class=\"n\">{}</td><td class=\"n\">{}</td></tr>",
            kanal(s.channel),
            esc(s.target.as_deref().unwrap_or("–")),
            s.enquiries,
            s.answered,
            if s.answered > 0 {
                percent(s.within_target.share)
            } else {
                "–".into()
            },
            s.open,
            s.overdue
        );
    }
    o.push_str("</table>\n<p>Tider i arbetstid enligt handläggarens öppettider och kommunens kalender.</p>\n");

    o.push_str("<h2>Försenade öppna ärenden</h2>\n");
    if r.overdue.is_empty() {
        o.push_str("<p>Inga.</p>\n");
    } else {
        o.push_str("<table><tr><th>Ärende</th><th>Kanal</th><th>Handläggare</th><th>Mottaget</th><th>Skulle besvarats</th><th class=\"n\">Försenat</th></tr>\n");
        for e in &r.overdue {
            let _ = writeln!(
                o,
                "<tr><td>{}</td><td>{}</td><td>{}</td><td>{}</td><td>{}</td><td class=\"n\">{}</td></tr>",
                esc(&e.id),
                kanal(e.channel),
                esc(&e.handler),
                esc(&e.received_at),
                esc(&e.due),
                duration(e.overdue_minutes)
            );
        }
        o.push_str("</table>\n");
    }

    let u = &r.unmatched;
    o.push_str("<h2>Omatchade ärenden</h2>\n");
    let _ = writeln!(
        o,
        "<p>{} ärenden ({}) kände reglerna inte igen och {} ({}) var tvetydiga.</p>",
        u.enquiries.count,
        percent(u.enquiries.share),
        u.ambiguous.count,
        percent(u.ambiguous.share)
    );
    if !u.top_words.is_empty() {
        let _ = writeln!(
            o,
            "<h3>Vanligaste orden{}</h3>\n<table><tr><th>Ord</th><th class=\"n\">Ärenden</th></tr>",
            if u.words_exact { "" } else { " (uppskattat)" }
        );
        for w in &u.top_words {
            let _ = writeln!(
                o,
                "<tr><td>{}</td><td class=\"n\">{}</td></tr>",
                esc(&w.word),
                w.count
            );
        }
        o.push_str("</table>\n");
    }
    near_table(
        &mut o,
        "Termer felstavade med en bokstav",
        &u.near_spellings,
    );
    near_table(
        &mut o,
        "Kända igen genom ett ord med en bokstav fel",
        &u.near_spellings_counted,
    );

    if !r.malformed.is_empty() {
        o.push_str(
            "<h2>Felaktiga rader</h2>\n<table><tr><th class=\"n\">Rad</th><th>Fel</th></tr>\n",
        );
        for m in &r.malformed {
            let _ = writeln!(
                o,
                "<tr><td class=\"n\">{}</td><td>{}</td></tr>",
                m.line,
                esc(&m.message)
            );
        }
        o.push_str("</table>\n");
    }
    o.push_str("</body></html>\n");
    o
}
