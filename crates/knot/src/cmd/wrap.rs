//! Wrapping text to the 80-column terminal pages (`knot show`, `knot screen`): a paragraph with
//! a hanging label, the rest of its lines indented under the label.

/// The page width in columns.
pub const WIDTH: usize = 80;

/// Appends `text` wrapped to the width, the first line after `label`, the rest indented to it.
/// A label starting with a newline puts a blank line first.
pub fn para(out: &mut String, label: &str, text: &str) {
    let (lead, label) = match label.strip_prefix('\n') {
        Some(rest) => ("\n", rest),
        None => ("", label),
    };
    out.push_str(lead);
    let indent = " ".repeat(label.chars().count().min(WIDTH / 2));
    let mut line = label.to_string();
    let mut line_len = line.chars().count();
    let mut fresh = true;
    for word in text.split_whitespace() {
        let len = word.chars().count();
        if !fresh && line_len + 1 + len > WIDTH {
            out.push_str(line.trim_end());
            out.push('\n');
            line = indent.clone();
            line_len = indent.len();
            fresh = true;
        }
        if !fresh {
            line.push(' ');
            line_len += 1;
        }
        line.push_str(word);
        line_len += len;
        fresh = false;
    }
    out.push_str(line.trim_end());
    out.push('\n');
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn paragraphs_wrap_at_the_width_and_indent_under_the_label() {
        let mut out = String::new();
        para(&mut out, "    Source: ", &"word ".repeat(40));
        let lines: Vec<&str> = out.lines().collect();
        assert!(lines.len() > 2);
        assert!(lines.iter().all(|l| l.chars().count() <= WIDTH));
        assert!(lines[1].starts_with("            word"));
    }
}
