//! CSV as spreadsheets read it: RFC 4180 quoting, CRLF line ends, UTF-8
//! with a byte order mark (Excel reads accents right only with it), and
//! cells that a spreadsheet would run as a formula neutralised (OWASP "CSV
//! injection": a leading `=`, `+`, `-`, `@`, tab or CR gets a `'` first).

/// Starts the file, before the header row.
pub const BYTE_ORDER_MARK: &str = "\u{FEFF}";

/// One cell, quoted when it holds a comma, a quote or a line break.
pub fn cell(value: &str) -> String {
    let neutralised = value.starts_with(['=', '+', '-', '@', '\t', '\r']);
    let value = if neutralised {
        format!("'{value}")
    } else {
        value.to_owned()
    };
    if neutralised || value.contains([',', '"', '\r', '\n']) {
        format!("\"{}\"", value.replace('"', "\"\""))
    } else {
        value
    }
}

/// One record, ended by CRLF.
pub fn record<'a>(cells: impl IntoIterator<Item = &'a str>) -> String {
    let mut line = cells.into_iter().map(cell).collect::<Vec<_>>().join(",");
    line.push_str("\r\n");
    line
}

/// `users-2026-12-01.csv`, with the filter after the date
/// (`users-2026-12-01-jansen-inactive.csv`): letters and digits of any
/// script kept (in lower case), everything else a single `-`, at most 80
/// characters.
pub fn file_name(date: &str, filter: &[&str]) -> String {
    let mut name = format!("users-{date}");
    for part in filter.iter().filter(|p| !p.trim().is_empty()) {
        name.push('-');
        name.push_str(part);
    }
    let mut clean = String::new();
    for c in name.chars() {
        if c.is_alphanumeric() {
            clean.extend(c.to_lowercase());
        } else if !clean.ends_with('-') {
            clean.push('-');
        }
    }
    let clean: String = clean.chars().take(80).collect();
    format!("{}.csv", clean.trim_end_matches('-'))
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Reads records back as RFC 4180 defines them.
    fn parse(text: &str) -> Vec<Vec<String>> {
        let (mut records, mut record, mut field) = (Vec::new(), Vec::new(), String::new());
        let mut chars = text.chars().peekable();
        let mut quoted = false;
        while let Some(c) = chars.next() {
            match (quoted, c) {
                (true, '"') if chars.peek() == Some(&'"') => {
                    chars.next();
                    field.push('"');
                }
                (true, '"') => quoted = false,
                (true, c) => field.push(c),
                (false, '"') => quoted = true,
                (false, ',') => record.push(std::mem::take(&mut field)),
                (false, '\r') if chars.peek() == Some(&'\n') => {
                    chars.next();
                    record.push(std::mem::take(&mut field));
                    records.push(std::mem::take(&mut record));
                }
                (false, c) => field.push(c),
            }
        }
        records
    }

    #[test]
    fn quoted_cells_read_back_exactly() {
        let cells = [
            "Jansen, Piet",
            "say \"hi\"",
            "two\r\nlines",
            "Zoë Ødegård",
            "plain",
            "",
        ];
        let text = record(cells);
        assert_eq!(parse(&text), vec![cells.map(str::to_owned).to_vec()]);
        assert_eq!(record(["a", "b"]), "a,b\r\n");
    }

    #[test]
    fn formula_cells_are_neutralised() {
        for formula in ["=HYPERLINK(\"x\")", "+1", "-2+3", "@SUM(A1)", "\tx", "\rx"] {
            let read = parse(&record([formula]));
            assert_eq!(read[0][0], format!("'{formula}"), "{formula:?}");
        }
        assert_eq!(cell("a=b"), "a=b");
    }

    #[test]
    fn file_names_hold_the_date_and_the_filter_and_nothing_a_file_system_refuses() {
        assert_eq!(file_name("2026-12-01", &[]), "users-2026-12-01.csv");
        assert_eq!(
            file_name("2026-12-01", &["Jan sen", "inactive", ""]),
            "users-2026-12-01-jan-sen-inactive.csv"
        );
        assert_eq!(
            file_name("2026-12-01", &["../../etc/passwd", "Zoë"]),
            "users-2026-12-01-etc-passwd-zoë.csv"
        );
        assert!(file_name("2026-12-01", &[&"x".repeat(500)]).chars().count() <= 84);
    }
}
