//! The PDFs of a favourable outcome, generated from the file's data: the "attestation de décision
//! favorable" when the agent decides, and the "avis de mise à disposition" when the card is
//! ready. Administrative documents, so in French.

use crate::pdf::{holder_fields, Block, PdfDocument};

/// Kind of the attestation among issued documents (also its download path segment).
pub const FAVOURABLE: &str = "attestation_decision_favorable";
/// Kind of the prefecture's refusal decision, uploaded by the agent.
pub const REFUSAL: &str = "decision_refus";
/// Kind of the notice that the card is ready.
pub const CARD_READY: &str = "avis_mise_a_disposition";

/// What the document attests.
pub enum Outcome {
    Decided,
    /// The card waits at this office (name and address).
    CardReady {
        office: String,
    },
}

pub struct Attestation {
    pub outcome: Outcome,
    pub file_number: String,
    pub procedure: String,
    pub holder_name: String,
    pub birth_date: String,
    pub nationality: String,
    pub numero_etranger: Option<String>,
    pub prefecture: String,
    /// When the agent acted, e.g. "23/11/2026 à 10:05 (heure de Paris)".
    pub decided_at: String,
    /// The verification code and where to check it (`filing::issued::verification_line`).
    pub verification: String,
}

impl Attestation {
    pub fn kind(&self) -> &'static str {
        match self.outcome {
            Outcome::Decided => FAVOURABLE,
            Outcome::CardReady { .. } => CARD_READY,
        }
    }

    pub fn file_name(&self) -> String {
        match self.outcome {
            Outcome::Decided => format!("attestation-decision-favorable-{}.pdf", self.file_number),
            Outcome::CardReady { .. } => format!("avis-mise-a-disposition-{}.pdf", self.file_number),
        }
    }

    pub fn document(&self) -> PdfDocument {
        let title = match self.outcome {
            Outcome::Decided => "Attestation de décision favorable",
            Outcome::CardReady { .. } => "Avis de mise à disposition du titre de séjour",
        };
        let mut doc = PdfDocument::new(format!("Ministère de l'Intérieur – {}", self.prefecture), title);
        doc.push(Block::Paragraph(match &self.outcome {
            Outcome::Decided => format!(
                "Le préfet atteste qu'une décision favorable a été prise le {} sur la demande de titre de séjour n° {}.",
                self.decided_at, self.file_number
            ),
            Outcome::CardReady { office } => format!(
                "Le préfet atteste que le titre de séjour délivré sur la demande n° {} est disponible depuis le {}. Il est à retirer à : {office}.",
                self.file_number, self.decided_at
            ),
        }));
        let mut fields = vec![("Numéro de dossier".into(), self.file_number.clone()), ("Démarche".into(), self.procedure.clone())];
        fields.extend(holder_fields(&self.holder_name, &self.birth_date, &self.nationality, self.numero_etranger.as_deref()));
        fields.push(("Autorité".into(), self.prefecture.clone()));
        doc.push(Block::Fields(fields));
        doc.push(Block::Paragraph(
            match self.outcome {
                Outcome::Decided => "Votre titre de séjour va être fabriqué. Vous serez informé de sa mise à disposition et invité à prendre rendez-vous pour le retirer en préfecture.",
                Outcome::CardReady { .. } => "Présentez-vous au rendez-vous de remise avec votre passeport, cet avis et, le cas échéant, le timbre fiscal demandé.",
            }
            .into(),
        ));
        doc.push(Block::Note(
            "Ce document ne vaut pas titre de séjour. Il justifie, avec la confirmation de dépôt, de la régularité de votre séjour jusqu'à la remise du titre.".into(),
        ));
        doc.push(Block::Note(self.verification.clone()));
        doc
    }
}
