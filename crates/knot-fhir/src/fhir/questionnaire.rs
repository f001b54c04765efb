//! The FHIR R4 `Questionnaire` (the safety screening's questions) and `QuestionnaireResponse`
//! (one completed screening's answers).

use serde::Serialize;

use super::datatypes::{Coding, Extension, Identifier, Reference};

/// A form: the screening's questions, grouped as Knot asks them.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Questionnaire {
    pub id: String,
    /// The canonical URL answers point to (with `|version`).
    pub url: String,
    pub version: String,
    /// A computer-friendly name.
    pub name: String,
    pub title: String,
    pub status: String,
    pub subject_type: Vec<String>,
    pub description: String,
    pub item: Vec<QuestionnaireItem>,
}

/// One question, group or display text of a questionnaire.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct QuestionnaireItem {
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub extension: Vec<Extension>,
    pub link_id: String,
    pub text: String,
    /// `group`, `display`, `boolean`, `integer` or `choice`.
    #[serde(rename = "type")]
    pub kind: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub repeats: Option<bool>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub item: Vec<QuestionnaireItem>,
}

/// A completed questionnaire.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct QuestionnaireResponse {
    pub id: String,
    /// One identifier (R4 allows at most one here).
    pub identifier: Identifier,
    /// The questionnaire's canonical URL with the version the answers were given to.
    pub questionnaire: String,
    pub status: String,
    pub subject: Reference,
    pub authored: String,
    pub author: Reference,
    pub source: Reference,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub item: Vec<ResponseItem>,
}

/// An answered question, or a group of them.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct ResponseItem {
    pub link_id: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub text: Option<String>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub answer: Vec<Answer>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub item: Vec<ResponseItem>,
}

/// `QuestionnaireResponse.item.answer.value[x]`: the forms Knot writes.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub enum Answer {
    #[serde(rename = "valueBoolean")]
    Boolean(bool),
    #[serde(rename = "valueInteger")]
    Integer(i64),
    #[serde(rename = "valueCoding")]
    Coding(Coding),
    #[serde(rename = "valueString")]
    String(String),
}
