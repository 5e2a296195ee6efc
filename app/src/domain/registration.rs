//! The registration of a visa holder in AGDREF by the agent instructing the file (SPEC §2 and
//! §6): why it may be refused, as the back-office and the error messages name it.

use serde::{Deserialize, Serialize};

/// Why a holder cannot be registered in AGDREF from this file.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum RegistrationRefusal {
    /// The account belongs to a title holder: already in AGDREF, never through a visa.
    NotVisaHolder,
    /// The visa holder already has a numéro étranger (registered before, or by another agent
    /// a moment ago).
    AlreadyRegistered,
    /// A draft (or an abandoned draft): only a filed application is instructed.
    NotSubmitted,
}
