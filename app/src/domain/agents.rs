//! A new back-office agent, as an administrator types it on `/agent/administration` and as
//! `server create-agent` receives it: one rule set, run in the browser before sending, on the
//! server before writing, and by the command line.
//!
//! Whether the e-mail is already taken and whether the prefecture exists are database questions,
//! answered by the server with the same field names (`email`, `prefecture`).

use serde::{Deserialize, Serialize};

use super::identifiers::Email;
use super::validation::{required_text, FieldErrors, ValidationError};

/// Longest display name ("Prénom NOM" as shown in the queue and the files' history).
pub const DISPLAY_NAME_MAX: usize = 100;

/// What an agent may do beyond instructing the files of their prefecture.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum AgentRole {
    /// "Agent instructeur": the files of one prefecture.
    Agent,
    /// Manages the accounts of the agents of their own prefecture too (and instructs like the
    /// others).
    Administrator,
    /// Manages the agents' accounts of every prefecture, and appoints the other national
    /// administrators: the ministry's role, given explicitly.
    NationalAdministrator,
}

impl AgentRole {
    pub const ALL: [AgentRole; 3] = [AgentRole::Agent, AgentRole::Administrator, AgentRole::NationalAdministrator];

    /// The value of the form's radio buttons.
    pub fn as_str(self) -> &'static str {
        match self {
            AgentRole::Agent => "agent",
            AgentRole::Administrator => "administrateur",
            AgentRole::NationalAdministrator => "administrateur_national",
        }
    }

    pub fn parse(code: &str) -> Result<Self, ValidationError> {
        match code.trim() {
            "" => Err(ValidationError::Required),
            code => Self::ALL.into_iter().find(|role| role.as_str() == code).ok_or(ValidationError::InvalidChoice),
        }
    }

    /// The role stored as the agent's two flags.
    pub fn from_flags(is_admin: bool, national: bool) -> Self {
        match (is_admin, national) {
            (true, true) => AgentRole::NationalAdministrator,
            (true, false) => AgentRole::Administrator,
            (false, _) => AgentRole::Agent,
        }
    }

    /// Administrators of both scopes reach the administration of agents.
    pub fn is_admin(self) -> bool {
        self != AgentRole::Agent
    }

    /// Every prefecture, rather than the administrator's own.
    pub fn is_national(self) -> bool {
        self == AgentRole::NationalAdministrator
    }
}

/// The raw fields of the new-agent form (and of the command line's options).
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct NewAgentInput {
    pub email: String,
    pub display_name: String,
    /// Code of the prefecture or sub-prefecture, e.g. `P075` or `SP091-PAL`.
    pub prefecture: String,
    /// [`AgentRole::as_str`].
    pub role: String,
}

/// A new agent whose fields each follow their rule.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct NewAgent {
    /// Lower-cased whole: agents log in with their work address typed in any case.
    pub email: Email,
    pub display_name: String,
    pub prefecture_code: String,
    pub role: AgentRole,
}

impl NewAgentInput {
    /// Checks every field, so the administrator sees every problem at once.
    pub fn validate(&self) -> Result<NewAgent, FieldErrors> {
        let mut errors = FieldErrors::new();
        let email = errors.check("email", Email::parse(&self.email.to_lowercase()));
        let display_name = errors.check("display_name", display_name(&self.display_name));
        let prefecture_code = errors.check("prefecture", prefecture_code(&self.prefecture));
        let role = errors.check("role", AgentRole::parse(&self.role));
        match (email, display_name, prefecture_code, role) {
            (Some(email), Some(display_name), Some(prefecture_code), Some(role)) => {
                Ok(NewAgent { email, display_name, prefecture_code, role })
            }
            _ => Err(errors),
        }
    }
}

/// The back-office login form: both fields are required. The address is not checked for shape:
/// a wrong one simply fails like a wrong password, saying nothing about which agents exist.
pub fn validate_login(email: &str, password: &str) -> Result<(), FieldErrors> {
    let mut errors = FieldErrors::new();
    if email.trim().is_empty() {
        errors.add("email", ValidationError::Required);
    }
    if password.is_empty() {
        errors.add("password", ValidationError::Required);
    }
    if errors.is_empty() {
        Ok(())
    } else {
        Err(errors)
    }
}

/// A person's name: required, at most [`DISPLAY_NAME_MAX`] characters, inner spaces collapsed
/// and control characters dropped (it is printed in the history of every file the agent
/// touches, and a pasted tab or NUL has no business there).
pub fn display_name(text: &str) -> Result<String, ValidationError> {
    let printable: String = text.chars().map(|c| if c.is_control() { ' ' } else { c }).collect();
    required_text(&printable.split_whitespace().collect::<Vec<_>>().join(" "), DISPLAY_NAME_MAX)
}

/// A prefecture code as in `prefectures.csv`: `P` and the département (`P075`, `P02A`), or
/// `SP`, the département, `-` and three letters (`SP091-PAL`). Whether it exists is the server's
/// question; a value of the wrong shape cannot come from the page's list.
pub fn prefecture_code(text: &str) -> Result<String, ValidationError> {
    let code = text.trim().to_ascii_uppercase();
    if code.is_empty() {
        return Err(ValidationError::Required);
    }
    let departement = |d: &str| d.len() == 3 && d.bytes().all(|b| b.is_ascii_alphanumeric());
    let well_formed = match code.strip_prefix("SP") {
        Some(rest) => rest
            .split_once('-')
            .is_some_and(|(dep, town)| departement(dep) && town.len() == 3 && town.bytes().all(|b| b.is_ascii_uppercase())),
        None => code.strip_prefix('P').is_some_and(departement),
    };
    if well_formed {
        Ok(code)
    } else {
        Err(ValidationError::InvalidChoice)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn agent_login_needs_both_fields() {
        assert!(validate_login("agent@interieur.gouv.fr", "secret").is_ok());
        let both = validate_login("  ", "").expect_err("empty");
        assert_eq!(both.get("email"), Some(&ValidationError::Required));
        assert_eq!(both.get("password"), Some(&ValidationError::Required));
        let password_only = validate_login("agent@interieur.gouv.fr", "").expect_err("no password");
        assert_eq!(password_only.get("email"), None);
    }

    fn input(email: &str, name: &str, prefecture: &str, role: &str) -> NewAgentInput {
        NewAgentInput { email: email.into(), display_name: name.into(), prefecture: prefecture.into(), role: role.into() }
    }

    #[test]
    fn a_valid_agent_is_normalised() {
        let agent = input(" Jeanne.Dupont@Interieur.GOUV.fr ", "  Jeanne   Dupont ", "sp091-pal", "agent").validate().expect("valid");
        assert_eq!(agent.email.as_str(), "jeanne.dupont@interieur.gouv.fr");
        assert_eq!(agent.display_name, "Jeanne Dupont");
        assert_eq!(agent.prefecture_code, "SP091-PAL");
        assert_eq!(agent.role, AgentRole::Agent);
        let admin = input("a@b.fr", "A B", "P02A", "administrateur").validate().expect("valid");
        assert!(admin.role.is_admin());
    }

    #[test]
    fn every_field_is_reported_at_once() {
        let errors = input("", "", "", "").validate().expect_err("empty");
        for field in ["email", "display_name", "prefecture", "role"] {
            assert_eq!(errors.get(field), Some(&ValidationError::Required), "{field}");
        }
        let errors = input("pas-une-adresse", &"x".repeat(DISPLAY_NAME_MAX + 1), "Paris", "chef").validate().expect_err("invalid");
        assert_eq!(errors.get("email"), Some(&ValidationError::InvalidEmail));
        assert_eq!(errors.get("display_name"), Some(&ValidationError::TooLong { max: DISPLAY_NAME_MAX }));
        assert_eq!(errors.get("prefecture"), Some(&ValidationError::InvalidChoice));
        assert_eq!(errors.get("role"), Some(&ValidationError::InvalidChoice));
    }

    #[test]
    fn prefecture_codes_have_the_register_shape() {
        for good in ["P001", "P075", "P02B", "SP013-ARL", "SP091-ETA"] {
            assert_eq!(prefecture_code(good).as_deref(), Ok(good), "{good}");
        }
        for bad in ["P75", "P0750", "SP091", "SP091-PA", "SP091-P4L", "X075", "P07 5"] {
            assert_eq!(prefecture_code(bad), Err(ValidationError::InvalidChoice), "{bad}");
        }
    }

    #[test]
    fn names_are_tidied() {
        assert_eq!(display_name("Jean\u{0}Dupont\t"), Ok("Jean Dupont".to_owned()));
        assert_eq!(display_name(" \u{7} "), Err(ValidationError::Required));
        assert_eq!(display_name(" Élise  Keller "), Ok("Élise Keller".to_owned()));
    }

    #[test]
    fn roles_round_trip() {
        for role in AgentRole::ALL {
            assert_eq!(AgentRole::parse(role.as_str()), Ok(role));
            assert_eq!(AgentRole::from_flags(role.is_admin(), role.is_national()), role);
        }
    }
}
