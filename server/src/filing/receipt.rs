//! The "confirmation de dépôt" PDF: what was filed, when, by whom, where it goes.
//! An administrative document, so it is written in French whatever the interface language.

use crate::pdf::{Block, PdfDocument, PdfError};

/// What was filed, formatted for display: the submission carries it and the receipt prints it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct FiledContent {
    pub procedure: String,
    pub holder_name: String,
    pub birth_date: String,
    pub nationality: String,
    pub numero_etranger: Option<String>,
    pub address: String,
    /// Labels of the documents joined, with the number of files of each.
    pub documents: Vec<(String, usize)>,
    /// A VLS-TS validation's declaration: the receipt is then its attestation of validation.
    pub validation: Option<ValidatedVisa>,
}

impl FiledContent {
    /// Who filed, as the documents print it: name, birth, nationality, numéro étranger when
    /// there is one, and the address under `address_label`.
    fn identity(&self, address_label: &str) -> Vec<(String, String)> {
        let mut identity =
            crate::pdf::holder_fields(&self.holder_name, &self.birth_date, &self.nationality, self.numero_etranger.as_deref());
        identity.push((address_label.into(), self.address.clone()));
        identity
    }
}

/// What a VLS-TS validation declares, as its attestation prints it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ValidatedVisa {
    /// "VLS-TS ÉTUDIANT n° FRA261048375".
    pub visa: String,
    /// `DD/MM/YYYY`.
    pub valid_to: String,
    pub arrival: String,
    /// "1234 5678 9012 3456".
    pub tax_stamp: String,
}

/// Everything the receipt shows, already formatted for display.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Receipt {
    pub file_number: String,
    /// e.g. "22/11/2026 à 14:05 (heure de Paris)".
    pub submitted_at: String,
    pub prefecture: String,
    pub filed: FiledContent,
    /// The verification code and where to check it (`filing::issued::verification_line`).
    pub verification: String,
}

impl Receipt {
    pub fn file_name(&self) -> String {
        match self.filed.validation {
            Some(_) => format!("attestation-validation-vls-ts-{}.pdf", self.file_number),
            None => format!("confirmation-de-depot-{}.pdf", self.file_number),
        }
    }

    pub fn document(&self) -> PdfDocument {
        match &self.filed.validation {
            Some(validated) => self.validation_document(validated),
            None => self.filing_document(),
        }
    }

    /// The attestation of validation of a VLS-TS: with the passport and the visa, it proves the
    /// holder's lawful stay until the visa's end (docs/vls-ts.md).
    fn validation_document(&self, validated: &ValidatedVisa) -> PdfDocument {
        let filed = &self.filed;
        let mut doc = PdfDocument::new("Ministère de l'Intérieur – Étrangers en France", "Attestation de validation du VLS-TS");
        doc.push(Block::Paragraph(format!(
            "Le visa de long séjour valant titre de séjour décrit ci-dessous a été validé en ligne le {}. Le dossier est transmis à : {}.",
            self.submitted_at, self.prefecture
        )));
        doc.push(Block::Heading("Titulaire".into()));
        doc.push(Block::Fields(filed.identity("Adresse en France")));
        doc.push(Block::Heading("Visa validé".into()));
        doc.push(Block::Fields(vec![
            ("Visa".into(), validated.visa.clone()),
            ("Valable jusqu'au".into(), validated.valid_to.clone()),
            ("Date d'entrée en France".into(), validated.arrival.clone()),
            ("Timbre fiscal électronique".into(), validated.tax_stamp.clone()),
            ("Numéro de dossier".into(), self.file_number.clone()),
        ]));
        doc.push(Block::Space);
        doc.push(Block::Note(
            "Présentée avec votre passeport revêtu du visa, cette attestation justifie de la régularité de votre séjour \
             jusqu'à la fin de validité du visa. Demandez avant cette date, depuis votre compte, la carte de séjour \
             qui lui fait suite."
                .into(),
        ));
        doc.push(Block::Note(self.verification.clone()));
        doc
    }

    /// The "confirmation de dépôt" of an application.
    fn filing_document(&self) -> PdfDocument {
        let mut doc = PdfDocument::new("Ministère de l'Intérieur – Étrangers en France", "Confirmation de dépôt");
        doc.push(Block::Paragraph(format!(
            "Votre demande a bien été enregistrée le {}. Elle est transmise à : {}.",
            self.submitted_at, self.prefecture
        )));
        let filed = &self.filed;
        doc.push(Block::Heading("Votre demande".into()));
        doc.push(Block::Fields(vec![
            ("Numéro de dossier".into(), self.file_number.clone()),
            ("Date et heure du dépôt".into(), self.submitted_at.clone()),
            ("Démarche".into(), filed.procedure.clone()),
            ("Service instructeur".into(), self.prefecture.clone()),
        ]));
        doc.push(Block::Heading("Demandeur".into()));
        doc.push(Block::Fields(filed.identity("Adresse")));
        doc.push(Block::Heading("Justificatifs joints".into()));
        doc.push(Block::Bullets(
            filed
                .documents
                .iter()
                .map(|(label, files)| match files {
                    1 => format!("{label} (1 fichier)"),
                    n => format!("{label} ({n} fichiers)"),
                })
                .collect(),
        ));
        doc.push(Block::Space);
        doc.push(Block::Note(
            "Ce document atteste du dépôt de votre demande. Il ne vaut pas autorisation de séjour. \
             Suivez l'avancement de votre dossier depuis votre compte."
                .into(),
        ));
        doc.push(Block::Note(self.verification.clone()));
        doc
    }

    pub fn render(&self) -> Result<Vec<u8>, PdfError> {
        self.document().render()
    }
}
