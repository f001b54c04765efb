//! CSV as spreadsheets read it (RFC 4180: a header row, CRLF line ends, quotes doubled), with
//! any cell that a spreadsheet would run as a formula made inert. Every CSV Knot writes — the
//! clinic's audit log, a person's diary and sessions — goes through here.

/// One cell: a spreadsheet formula made inert with a leading `'`, then quoted when it holds a
/// comma, quote or line break (quotes doubled).
pub fn cell(value: &str) -> String {
    let inert = if value.starts_with(['=', '+', '-', '@', '\t', '\r']) {
        format!("'{value}")
    } else {
        value.to_string()
    };
    if inert.contains([',', '"', '\n', '\r']) {
        format!("\"{}\"", inert.replace('"', "\"\""))
    } else {
        inert
    }
}

/// A whole table: the header, then each row, every cell through [`cell`].
pub fn table<R, C>(header: &[&str], rows: R) -> String
where
    R: IntoIterator<Item = C>,
    C: IntoIterator<Item = String>,
{
    let mut out = header.iter().map(|h| cell(h)).collect::<Vec<_>>().join(",");
    out.push_str("\r\n");
    for row in rows {
        let cells: Vec<String> = row.into_iter().map(|value| cell(&value)).collect();
        out.push_str(&cells.join(","));
        out.push_str("\r\n");
    }
    out
}

#[cfg(test)]
mod tests {
    use super::{cell, table};

    #[test]
    fn formulas_are_inert_and_separators_quoted() {
        assert_eq!(cell("=SUM(A1)"), "'=SUM(A1)");
        assert_eq!(cell("-3"), "'-3");
        assert_eq!(cell("a, b"), "\"a, b\"");
        assert_eq!(cell("say \"hi\""), "\"say \"\"hi\"\"\"");
        assert_eq!(cell("two\nlines"), "\"two\nlines\"");
        assert_eq!(cell("plain"), "plain");
        assert_eq!(cell("=HYPERLINK(\"x\")"), "\"'=HYPERLINK(\"\"x\"\")\"");
        assert_eq!(cell("+1"), "'+1");
        assert_eq!(cell("@SUM(A1)"), "'@SUM(A1)");
    }

    #[test]
    fn a_table_has_a_header_and_crlf_rows() {
        let rows = vec![vec!["1".to_string(), "x,y".to_string()]];
        assert_eq!(table(&["Id", "Text"], rows), "Id,Text\r\n1,\"x,y\"\r\n");
    }
}
