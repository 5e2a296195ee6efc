//! The "confirmation de dépôt" PDF: what was filed, when, by whom, where it goes.
//! An administrative document, so it is written in French whatever the interface language.

use crate::pdf::{Block, PdfDocument, PdfError};

/// Everything the receipt shows, already formatted for display.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Receipt {
    pub file_number: String,
    /// e.g. "22/11/2026 à 14:05 (heure de Paris)".
    pub submitted_at: String,
    pub procedure: String,
    pub holder_name: String,
    pub birth_date: String,
    pub nationality: String,
    pub numero_etranger: Option<String>,
    pub address: String,
    /// Labels of the documents joined, with the number of files of each.
    pub documents: Vec<(String, usize)>,
    pub prefecture: String,
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
        doc.push(Block::Heading("Votre demande".into()));
        doc.push(Block::Fields(vec![
            ("Numéro de dossier".into(), self.file_number.clone()),
            ("Date et heure du dépôt".into(), self.submitted_at.clone()),
            ("Démarche".into(), self.procedure.clone()),
            ("Service instructeur".into(), self.prefecture.clone()),
        ]));
        doc.push(Block::Heading("Demandeur".into()));
        let mut identity = vec![
            ("Nom et prénoms".into(), self.holder_name.clone()),
            ("Date de naissance".into(), self.birth_date.clone()),
            ("Nationalité".into(), self.nationality.clone()),
        ];
        if let Some(numero) = &self.numero_etranger {
            identity.push(("Numéro étranger".into(), numero.clone()));
        }
        identity.push(("Adresse".into(), self.address.clone()));
        doc.push(Block::Fields(identity));
        doc.push(Block::Heading("Justificatifs joints".into()));
        doc.push(Block::Bullets(
            self.documents
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
        doc
    }

    pub fn render(&self) -> Result<Vec<u8>, PdfError> {
        self.document().render()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_receipt_lists_the_file_the_holder_and_the_documents() {
        let receipt = Receipt {
            file_number: "2026-091-000001".into(),
            submitted_at: "22/11/2026 à 14:05 (heure de Paris)".into(),
            procedure: "Étudiant – renouvellement".into(),
            holder_name: "Sofía Valentina HERNÁNDEZ RUIZ".into(),
            birth_date: "14/05/2002".into(),
            nationality: "Mexique".into(),
            numero_etranger: Some("9102458731".into()),
            address: "3 rue de Paris, 91120 Palaiseau".into(),
            documents: vec![("Passeport".into(), 1), ("Justificatif de domicile".into(), 2)],
            prefecture: "Sous-préfecture de Palaiseau".into(),
        };
        assert_eq!(receipt.file_name(), "confirmation-de-depot-2026-091-000001.pdf");
        let document = receipt.document();
        let fields: Vec<(String, String)> = document
            .blocks
            .iter()
            .filter_map(|b| match b {
                Block::Fields(f) => Some(f.clone()),
                _ => None,
            })
            .flatten()
            .collect();
        assert!(fields.contains(&("Numéro de dossier".into(), "2026-091-000001".into())));
        assert!(fields.contains(&("Numéro étranger".into(), "9102458731".into())));
        assert!(fields.contains(&("Date de naissance".into(), "14/05/2002".into())));
        assert!(document
            .blocks
            .contains(&Block::Bullets(vec!["Passeport (1 fichier)".into(), "Justificatif de domicile (2 fichiers)".into()])));
        let bytes = document.render().expect("render");
        assert!(bytes.starts_with(b"%PDF-"));
        assert!(bytes.len() < 200 * 1024);
    }
}
