//! Common passwords (NIST SP 800-63B §5.1.1.2: refuse passwords found in lists of commonly used
//! or breached passwords). The list is embedded: `common_passwords.txt` beside this file says
//! where it comes from and under which licence. Matching ignores case and surrounding spaces.

use std::collections::HashSet;
use std::sync::OnceLock;

const LIST: &str = include_str!("common_passwords.txt");

fn list() -> &'static HashSet<&'static str> {
    static SET: OnceLock<HashSet<&'static str>> = OnceLock::new();
    SET.get_or_init(|| {
        LIST.lines()
            .map(str::trim)
            .filter(|line| !line.is_empty() && !line.starts_with('#'))
            .collect()
    })
}

/// Whether the password is on the list of common passwords.
pub(super) fn is_common(password: &str) -> bool {
    list().contains(password.trim().to_lowercase().as_str())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_list_holds_common_long_passwords_and_no_comments() {
        assert!(list().len() > 1_000, "{}", list().len());
        assert!(list().iter().all(|p| !p.starts_with('#') && p.len() >= 10));
    }

    #[test]
    fn common_passwords_are_found_whatever_their_case() {
        assert!(is_common("qwertyuiop"));
        assert!(is_common("Password123"));
        assert!(is_common(" 1234567890 "));
        assert!(!is_common("correct horse battery"));
    }
}
