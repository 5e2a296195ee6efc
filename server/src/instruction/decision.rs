//! The "attestation de décision favorable" PDF, generated from the file's data when the agent
//! decides favourably. An administrative document, so in French.

use crate::pdf::{Block, PdfDocument};

/// Kind of the attestation among issued documents (also its download path segment).
pub const FAVOURABLE: &str = "attestation_decision_favorable";
/// Kind of the prefecture's refusal decision, uploaded by the agent.
pub const REFUSAL: &str = "decision_refus";

pub struct Attestation {
    pub file_number: String,
    pub procedure: String,
    pub holder_name: String,
    pub birth_date: String,
    pub nationality: String,
    pub numero_etranger: Option<String>,
    pub prefecture: String,
    /// e.g. "23/11/2026 à 10:05 (heure de Paris)".
    pub decided_at: String,
    /// The verification code and where to check it (`filing::issued::verification_line`).
    pub verification: String,
}

impl Attestation {
    pub fn file_name(&self) -> String {
        format!("attestation-decision-favorable-{}.pdf", self.file_number)
    }

    pub fn document(&self) -> PdfDocument {
        let mut doc = PdfDocument::new(format!("Ministère de l'Intérieur – {}", self.prefecture), "Attestation de décision favorable");
        doc.push(Block::Paragraph(format!(
            "Le préfet atteste qu'une décision favorable a été prise le {} sur la demande de titre de séjour n° {}.",
            self.decided_at, self.file_number
        )));
        let mut fields = vec![
            ("Numéro de dossier".into(), self.file_number.clone()),
            ("Démarche".into(), self.procedure.clone()),
            ("Nom et prénoms".into(), self.holder_name.clone()),
            ("Date de naissance".into(), self.birth_date.clone()),
            ("Nationalité".into(), self.nationality.clone()),
        ];
        if let Some(numero) = &self.numero_etranger {
            fields.push(("Numéro étranger".into(), numero.clone()));
        }
        fields.push(("Autorité".into(), self.prefecture.clone()));
        doc.push(Block::Fields(fields));
        doc.push(Block::Paragraph(
            "Votre titre de séjour va être fabriqué. Vous serez informé de sa mise à disposition et invité à prendre rendez-vous pour le retirer en préfecture.".into(),
        ));
        doc.push(Block::Note(
            "Cette attestation ne vaut pas titre de séjour. Elle justifie, avec la confirmation de dépôt, de la régularité de votre séjour jusqu'à la remise du titre.".into(),
        ));
        doc.push(Block::Note(self.verification.clone()));
        doc
    }
}
