//! "Vérifier le cas dans lequel je me trouve" (seed 003 §1.2): from two questions (do I have an
//! account, which document do I hold) the case of the connection page that applies, and what to
//! do next. Nothing is looked up: whether an account exists is never told to whoever asks (the
//! sign-up e-mail tells the holder, `account_already_exists`).

use serde::{Deserialize, Serialize};

/// "Avez-vous déjà un compte ANEF séjour ?"
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum HasAccount {
    Yes,
    No,
    NotSure,
}

/// "Quel document de séjour avez-vous ?"
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum HeldDocument {
    /// A residence permit (carte de séjour, carte de résident), valid or expired.
    Title,
    /// A long-stay visa (including a VLS-TS).
    Visa,
    /// A receipt (récépissé) or a temporary authorisation, or nothing.
    Other,
}

/// The cases of seed 003 §1.2, and the one no online path serves.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum AccountCase {
    /// §1.2.1: log in with the numéro étranger and the password.
    HasAccount,
    /// §1.2.2: create the account from the title (number, validity dates); if one exists
    /// already, the e-mail says so and leads to the login.
    CreateWithTitle,
    /// §1.2.3: create the account from the visa; file the application at once, the identifier
    /// and a temporary password come by e-mail after the instruction.
    CreateWithVisa,
    /// No online procedure starts from this document: the prefecture or the contact centre.
    NotOnline,
}

/// The case that applies; `None` until the questions asked so far settle it.
pub fn case(account: Option<HasAccount>, document: Option<HeldDocument>) -> Option<AccountCase> {
    match (account?, document) {
        (HasAccount::Yes, _) => Some(AccountCase::HasAccount),
        (_, None) => None,
        (_, Some(HeldDocument::Title)) => Some(AccountCase::CreateWithTitle),
        (_, Some(HeldDocument::Visa)) => Some(AccountCase::CreateWithVisa),
        (_, Some(HeldDocument::Other)) => Some(AccountCase::NotOnline),
    }
}

/// Whether the document question is asked (not to someone who has an account).
pub fn asks_document(account: Option<HasAccount>) -> bool {
    matches!(account, Some(HasAccount::No | HasAccount::NotSure))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn each_answer_leads_to_the_case_of_the_connection_page() {
        assert_eq!(case(None, None), None);
        assert_eq!(case(Some(HasAccount::Yes), None), Some(AccountCase::HasAccount));
        assert!(!asks_document(Some(HasAccount::Yes)) && !asks_document(None));
        for unsure in [HasAccount::No, HasAccount::NotSure] {
            assert!(asks_document(Some(unsure)));
            assert_eq!(case(Some(unsure), None), None, "the document settles it");
            assert_eq!(case(Some(unsure), Some(HeldDocument::Title)), Some(AccountCase::CreateWithTitle));
            assert_eq!(case(Some(unsure), Some(HeldDocument::Visa)), Some(AccountCase::CreateWithVisa));
            assert_eq!(case(Some(unsure), Some(HeldDocument::Other)), Some(AccountCase::NotOnline));
        }
    }
}
