//! The contact-details form, shared by "Add a client" and the record's Contact section: the
//! values as typed, read into `ClientDetails`, and each problem beside its field.

use std::collections::HashMap;

use chrono::NaiveDate;
use knot_app::AppError;
use knot_record::clinic::ClientDetails;

use super::frame::refused;
use crate::auth::UserForm;
use crate::WebError;

/// The form's fields as typed, with the problems found.
#[derive(Debug, Default)]
pub(super) struct ContactForm {
    pub display_name: String,
    pub email: String,
    pub phone: String,
    pub birth_date: String,
    pub address: String,
    pub emergency_contact: String,
    /// Field name → problem; "" for the whole form.
    pub errors: HashMap<&'static str, String>,
}

impl ContactForm {
    pub fn from_details(details: &ClientDetails) -> ContactForm {
        let text = |field: &Option<String>| field.clone().unwrap_or_default();
        ContactForm {
            display_name: details.display_name.clone(),
            email: text(&details.email),
            phone: text(&details.phone),
            birth_date: details
                .birth_date
                .map(|d| d.format("%Y-%m-%d").to_string())
                .unwrap_or_default(),
            address: text(&details.address),
            emergency_contact: text(&details.emergency_contact),
            errors: HashMap::new(),
        }
    }

    pub fn from_form(form: &UserForm) -> ContactForm {
        let value = |name: &str| form.value(name).trim().to_string();
        ContactForm {
            display_name: value("display_name"),
            email: value("email"),
            phone: value("phone"),
            birth_date: value("birth_date"),
            address: value("address"),
            emergency_contact: value("emergency_contact"),
            errors: HashMap::new(),
        }
    }

    /// The details, or `None` with the problems recorded beside their fields.
    pub fn details(&mut self) -> Option<ClientDetails> {
        if self.display_name.is_empty() {
            self.errors
                .insert("display_name", "Give the client's name.".into());
        }
        let birth_date = if self.birth_date.is_empty() {
            None
        } else {
            match NaiveDate::parse_from_str(&self.birth_date, "%Y-%m-%d") {
                Ok(date) if date <= chrono::Utc::now().date_naive() => Some(date),
                Ok(_) => {
                    self.errors
                        .insert("birth_date", "The date of birth is in the future.".into());
                    None
                }
                Err(_) => {
                    self.errors.insert(
                        "birth_date",
                        format!(
                            "{:?} is not a date; write it as YYYY-MM-DD, e.g. 1980-04-01.",
                            self.birth_date
                        ),
                    );
                    None
                }
            }
        };
        if !self.errors.is_empty() {
            return None;
        }
        let optional = |text: &str| (!text.is_empty()).then(|| text.to_string());
        Some(ClientDetails {
            display_name: self.display_name.clone(),
            email: optional(&self.email),
            phone: optional(&self.phone),
            birth_date,
            address: optional(&self.address),
            emergency_contact: optional(&self.emergency_contact),
        })
    }

    /// Places the application's refusal beside its field (the e-mail or the name), or over
    /// the whole form; any other failure is the page's error.
    pub fn refusal(&mut self, error: AppError) -> Result<(), WebError> {
        let AppError::Invalid { .. } = error else {
            return Err(refused(error));
        };
        let message = capitalized_sentence(&error.to_string());
        let field = if message.contains("e-mail") {
            "email"
        } else if message.contains("name") {
            "display_name"
        } else {
            ""
        };
        self.errors.insert(field, message);
        Ok(())
    }

    pub fn error(&self, field: &str) -> Option<&String> {
        self.errors.get(field)
    }

    pub fn has_errors(&self) -> bool {
        !self.errors.is_empty()
    }
}

/// "give the name" → "Give the name."
pub(super) fn capitalized_sentence(text: &str) -> String {
    let mut sentence = crate::pages::capitalized(text.trim());
    if !sentence.ends_with('.') {
        sentence.push('.');
    }
    sentence
}
