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
        format!("confirmation-de-depot-{}.pdf", self.file_number)
    }

    pub fn document(&self) -> PdfDocument {
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
        let mut identity = vec![
            ("Nom et prénoms".into(), filed.holder_name.clone()),
            ("Date de naissance".into(), filed.birth_date.clone()),
            ("Nationalité".into(), filed.nationality.clone()),
        ];
        if let Some(numero) = &filed.numero_etranger {
            identity.push(("Numéro étranger".into(), numero.clone()));
        }
        identity.push(("Adresse".into(), filed.address.clone()));
        doc.push(Block::Fields(identity));
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
