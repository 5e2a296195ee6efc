//! The administration of agents (SPEC §1 "Administrateur", issue 4): `/agent/administration`
//! lists the agent accounts of the administrator's scope (their prefecture, or every prefecture
//! for a national administrator), creates one (agent or administrator) and resets an agent's
//! password; a national administrator also sees the e-mails that could not be delivered and
//! sends them again. Its server functions call
//! [`crate::backend::AgentAdminBackend`], which refuses anyone but an administrator's agent
//! session; the new agent's fields follow [`crate::domain::agents`], checked here before sending
//! and again on the server.
//!
//! Passwords: the administrator never chooses one. The server generates a temporary password
//! and the page shows it once, to be handed to the agent in person or by phone; it is stored
//! only as an Argon2id hash. See `server/src/administration/service.rs` for why not an e-mail.

use leptos::html;
use leptos::prelude::*;
use serde::{Deserialize, Serialize};

use super::paths;
use crate::components::alert::ErrorAlert;
use crate::components::forms::{EmailInput, ErrorSummary, FormErrors, RadioOption, SubmitButton, TextInput};
use crate::components::table::DataTable;
use crate::domain::agents::{AgentRole, NewAgentInput};
use crate::domain::feedback::FeedbackSummary;
use crate::error::AppError;
use crate::i18n::{use_i18n, Msg};
use crate::layout::{hard_navigate, PageTitle};

/// The page's address.
pub const PATH: &str = "/agent/administration";

/// One agent account as the administrators' list shows it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct AgentRow {
    pub id: i32,
    pub display_name: String,
    pub email: String,
    pub prefecture_code: String,
    pub prefecture_name: String,
    pub role: AgentRole,
    /// `DD/MM/YYYY à HH:MM`, Paris time.
    pub created_at: String,
}

/// A prefecture or sub-prefecture an agent can be attached to.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct PrefectureOption {
    pub code: String,
    pub name: String,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct AgentDirectory {
    /// The administrator looking at the page, for the page's header.
    pub administrator: String,
    pub prefecture: String,
    /// Administers every prefecture (and may appoint national administrators).
    pub national: bool,
    /// By prefecture, then name: the administrator's scope only.
    pub agents: Vec<AgentRow>,
    /// By name.
    pub prefectures: Vec<PrefectureOption>,
    /// E-mails that failed for good, newest first (national administrators only; empty for
    /// the others).
    pub dead_letters: Vec<DeadLetterRow>,
    /// What applicants said of the filing of the files of the administrator's scope.
    pub feedback: FeedbackSummary,
}

/// An e-mail the service could not deliver after three days of attempts.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct DeadLetterRow {
    pub id: i32,
    pub to: String,
    pub subject: String,
    /// `DD/MM/YYYY à HH:MM`, Paris time.
    pub failed_at: String,
    pub error: String,
}

/// The answer to a creation or a reset: the account and its temporary password, which exists
/// nowhere else in clear and is never sent again.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct IssuedPassword {
    pub agent: AgentRow,
    pub temporary_password: String,
}

#[server(endpoint = "agent/administration/agents")]
pub async fn admin_agents() -> Result<AgentDirectory, AppError> {
    let (services, ctx) = crate::backend::context()?;
    crate::backend::respond(services.admin.directory(&ctx).await)
}

/// Creates an agent account; the fields are those of [`NewAgentInput`].
#[server(endpoint = "agent/administration/creer")]
pub async fn admin_create_agent(email: String, display_name: String, prefecture: String, role: String) -> Result<IssuedPassword, AppError> {
    let (services, ctx) = crate::backend::context()?;
    let input = NewAgentInput { email, display_name, prefecture, role };
    crate::backend::respond(services.admin.create_agent(&ctx, input).await)
}

/// Sends an undelivered e-mail again (a new round of attempts).
#[server(endpoint = "agent/administration/courriel/renvoyer")]
pub async fn admin_resend_email(id: i32) -> Result<(), AppError> {
    let (services, ctx) = crate::backend::context()?;
    crate::backend::respond(services.admin.resend_email(&ctx, id).await)
}

#[server(endpoint = "agent/administration/reinitialiser")]
pub async fn admin_reset_password(agent_id: i32) -> Result<IssuedPassword, AppError> {
    let (services, ctx) = crate::backend::context()?;
    crate::backend::respond(services.admin.reset_password(&ctx, agent_id).await)
}

fn role_label(role: AgentRole) -> Msg {
    match role {
        AgentRole::Agent => Msg::AdminRoleAgentShort,
        AgentRole::Administrator => Msg::AdminRoleAdministratorShort,
        AgentRole::NationalAdministrator => Msg::AdminRoleNationalShort,
    }
}

#[component]
pub fn AgentAdminPage() -> impl IntoView {
    let i18n = use_i18n();
    let data = Resource::new(|| (), |_| admin_agents());
    view! {
        <PageTitle title=Msg::AdminTitle/>
        <div class="fr-container fr-my-4w">
            <Suspense fallback=|| ()>
                {move || data.get().map(|loaded| match loaded {
                    Ok(directory) => view! { <Administration directory/> }.into_any(),
                    Err(error) => {
                        super::shared::unauthenticated(&error);
                        view! {
                            <h1>{i18n.t(Msg::AdminTitle)}</h1>
                            <ErrorAlert error=error.clone()/>
                            {if error == AppError::Unauthenticated {
                                view! { <a class="fr-btn" href=paths::LOGIN rel="external">{i18n.t(Msg::AgentLoginTitle)}</a> }.into_any()
                            } else {
                                view! { <a class="fr-link" href=paths::QUEUE rel="external">{i18n.t(Msg::AgentBackToQueue)}</a> }.into_any()
                            }}
                        }.into_any()
                    }
                })}
            </Suspense>
        </div>
    }
}

/// What the page says after a creation or a reset, with the temporary password.
#[derive(Clone, Debug, PartialEq, Eq)]
struct Issued {
    headline: Msg,
    password: IssuedPassword,
}

#[component]
fn Administration(directory: AgentDirectory) -> impl IntoView {
    let i18n = use_i18n();
    let agents = RwSignal::new(directory.agents);
    let issued = RwSignal::new(None::<Issued>);
    let logout = move |_| {
        leptos::task::spawn_local(async move {
            let _ = super::agent_logout().await;
            hard_navigate(paths::LOGIN);
        });
    };
    view! {
        <div class="agent-bar">
            <p class="fr-text--sm fr-mb-0">{directory.administrator}" – "{directory.prefecture}</p>
            <div class="agent-bar__links">
                <a class="fr-link fr-link--sm" href=paths::QUEUE>{i18n.t(Msg::AgentBackToQueue)}</a>
                <button type="button" class="fr-btn fr-btn--tertiary fr-btn--sm" on:click=logout>{i18n.t(Msg::LogOut)}</button>
            </div>
        </div>
        <h1>{i18n.t(Msg::AdminTitle)}</h1>
        <p>{i18n.t(Msg::AdminIntro)}</p>
        <IssuedPanel issued/>
        <CreateAgentForm prefectures=directory.prefectures national=directory.national agents issued/>
        <AgentTable agents issued/>
        <FeedbackPanel summary=directory.feedback/>
        {directory.national.then(|| view! { <DeadLetters letters=directory.dead_letters/> })}
    }
}

/// "Avis des usagers": how many applicants rated the filing, how, and their latest comments.
#[component]
fn FeedbackPanel(summary: FeedbackSummary) -> impl IntoView {
    let i18n = use_i18n();
    let headline = match summary.average_tenths() {
        Some(tenths) => i18n.fill(
            Msg::AdminFeedbackAverage,
            &[("count", &summary.count().to_string()), ("average", &format!("{},{}", tenths / 10, tenths % 10))],
        ),
        None => i18n.t(Msg::AdminFeedbackNone).to_owned(),
    };
    let bars = summary
        .per_rating
        .iter()
        .zip(1u8..=5)
        .rev()
        .map(|(count, rating)| view! { <li>{i18n.fill(Msg::AdminFeedbackRating, &[("rating", &rating.to_string()), ("count", &count.to_string())])}</li> })
        .collect_view();
    let recent = summary.recent;
    view! {
        <section class="fr-mt-6w" aria-labelledby="admin-feedback-title">
            <h2 id="admin-feedback-title">{i18n.t(Msg::AdminFeedbackTitle)}</h2>
            <p>{headline}</p>
            <ul>{bars}</ul>
            {(!recent.is_empty()).then(|| view! {
                <DataTable caption=Msg::AdminFeedbackComments class="admin-table" columns=vec![Msg::AdminColDate, Msg::AdminColRating, Msg::AdminColComment]>
                    {recent.into_iter().map(|(rating, comment, on)| view! {
                        <tr><td>{on}</td><td>{rating.to_string()}" / 5"</td><td>{comment}</td></tr>
                    }).collect_view()}
                </DataTable>
            })}
        </section>
    }
}

/// The temporary password, shown once. It takes the focus so a screen-reader or keyboard user
/// lands on it after pressing the button.
#[component]
fn IssuedPanel(issued: RwSignal<Option<Issued>>) -> impl IntoView {
    let i18n = use_i18n();
    let node = NodeRef::<html::Div>::new();
    Effect::new(move |_| {
        if issued.with(Option::is_some) {
            if let Some(el) = node.get() {
                let _ = el.focus();
            }
        }
    });
    view! {
        <div node_ref=node tabindex="-1" class="admin-issued">
            {move || issued.get().map(|Issued { headline, password }| {
                let agent = password.agent;
                let headline = i18n.fill(headline, &[("name", &agent.display_name), ("email", &agent.email)]);
                view! {
                    <div class="fr-alert fr-alert--success fr-mb-4w">
                        <h2 class="fr-alert__title">{headline}</h2>
                        <p>
                            {i18n.t(Msg::AdminTemporaryPassword)}" "
                            <code class="admin-password" data-testid="temporary-password">{password.temporary_password}</code>
                        </p>
                        <p>{i18n.t(Msg::AdminTemporaryPasswordNote)}</p>
                    </div>
                }
            })}
        </div>
    }
}

#[component]
fn CreateAgentForm(
    prefectures: Vec<PrefectureOption>,
    national: bool,
    agents: RwSignal<Vec<AgentRow>>,
    issued: RwSignal<Option<Issued>>,
) -> impl IntoView {
    let i18n = use_i18n();
    let email = RwSignal::new(String::new());
    let display_name = RwSignal::new(String::new());
    let prefecture = RwSignal::new(String::new());
    let role = RwSignal::new(AgentRole::Agent.as_str().to_owned());
    let errors = FormErrors::new();
    let action = ServerAction::<AdminCreateAgent>::new();
    Effect::new(move |_| match action.value().get() {
        Some(Ok(created)) => {
            errors.clear();
            agents.update(|list| list.push(created.agent.clone()));
            email.set(String::new());
            display_name.set(String::new());
            prefecture.set(String::new());
            role.set(AgentRole::Agent.as_str().to_owned());
            issued.set(Some(Issued { headline: Msg::AdminCreated, password: created }));
        }
        Some(Err(error)) => {
            if error == AppError::Unauthenticated {
                hard_navigate(paths::LOGIN);
            }
            errors.show(error);
        }
        None => {}
    });
    let on_submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let input = NewAgentInput {
            email: email.get_untracked(),
            display_name: display_name.get_untracked(),
            prefecture: prefecture.get_untracked(),
            role: role.get_untracked(),
        };
        match input.validate() {
            Ok(_) => {
                errors.clear();
                issued.set(None);
                action.dispatch(AdminCreateAgent {
                    email: input.email,
                    display_name: input.display_name,
                    prefecture: input.prefecture,
                    role: input.role,
                });
            }
            Err(found) => errors.show_fields(found),
        }
    };
    let prefecture_error = errors.field("prefecture");
    let role_error = errors.field("role");
    let radio = move |value: AgentRole, label: Msg| {
        view! {
            <RadioOption id=format!("admin-role-{}", value.as_str()) name="role" value=value.as_str() selected=role>{i18n.t(label)}</RadioOption>
        }
    };
    view! {
        <section class="fr-mb-6w" aria-labelledby="admin-create-title">
            <h2 id="admin-create-title">{i18n.t(Msg::AdminCreateTitle)}</h2>
            <p class="fr-text--sm">{i18n.t(Msg::RequiredFieldsNote)}" "{i18n.t(Msg::AdminCreateHint)}</p>
            <form on:submit=on_submit novalidate class="admin-form">
                <ErrorSummary form=errors prefix="admin" labels=vec![
                    ("email", Msg::AgentEmail),
                    ("display_name", Msg::AdminDisplayName),
                    ("prefecture", Msg::AdminPrefecture),
                    ("role", Msg::AdminRole),
                ]/>
                <EmailInput id="admin-email" label=i18n.t(Msg::AgentEmail) value=email error=errors.field("email") autocomplete="off"/>
                <TextInput id="admin-display_name" label=i18n.t(Msg::AdminDisplayName) value=display_name
                    error=errors.field("display_name") autocomplete="off" maxlength=crate::domain::agents::DISPLAY_NAME_MAX/>
                <div class="fr-select-group" class:fr-select-group--error=move || prefecture_error.with(Option::is_some)>
                    <label class="fr-label" for="admin-prefecture">{i18n.t(Msg::AdminPrefecture)}" *"</label>
                    <select
                        class="fr-select"
                        id="admin-prefecture"
                        name="prefecture"
                        required=true
                        aria-invalid=move || prefecture_error.with(Option::is_some).then_some("true")
                        aria-describedby=move || prefecture_error.with(Option::is_some).then_some("admin-prefecture-error")
                        prop:value=move || prefecture.get()
                        on:change=move |ev| prefecture.set(event_target_value(&ev))
                    >
                        <option value="" selected=move || prefecture.with(String::is_empty)>{i18n.t(Msg::AdminChoosePrefecture)}</option>
                        {prefectures.into_iter().map(|p| {
                            let code = p.code.clone();
                            view! { <option value=p.code selected=move || prefecture.with(|v| *v == code)>{p.name}</option> }
                        }).collect_view()}
                    </select>
                    {move || prefecture_error.get().map(|message| view! { <p class="fr-error-text" id="admin-prefecture-error">{message}</p> })}
                </div>
                <fieldset
                    class="fr-fieldset"
                    id="admin-role"
                    tabindex="-1"
                    class:fr-fieldset--error=move || role_error.with(Option::is_some)
                    aria-describedby=move || role_error.with(Option::is_some).then_some("admin-role-error")
                >
                    <legend class="fr-fieldset__legend fr-fieldset__legend--regular">{i18n.t(Msg::AdminRole)}" *"</legend>
                    {radio(AgentRole::Agent, Msg::AdminRoleAgent)}
                    {radio(AgentRole::Administrator, Msg::AdminRoleAdministrator)}
                    {national.then(|| radio(AgentRole::NationalAdministrator, Msg::AdminRoleNational))}
                    <div class="fr-messages-group" aria-live="polite">
                        {move || role_error.get().map(|message| view! { <p class="fr-message fr-message--error" id="admin-role-error">{message}</p> })}
                    </div>
                </fieldset>
                <SubmitButton label=i18n.t(Msg::AdminCreateSubmit) pending=action.pending()/>
            </form>
        </section>
    }
}

#[component]
fn AgentTable(agents: RwSignal<Vec<AgentRow>>, issued: RwSignal<Option<Issued>>) -> impl IntoView {
    let i18n = use_i18n();
    // The row whose reset waits for its confirmation: a reset locks the agent out until they
    // get the new password, so one stray click must not do it.
    let confirming = RwSignal::new(None::<i32>);
    let reset_error = RwSignal::new(None::<AppError>);
    let action = ServerAction::<AdminResetPassword>::new();
    Effect::new(move |_| match action.value().get() {
        Some(Ok(reset)) => {
            confirming.set(None);
            reset_error.set(None);
            issued.set(Some(Issued { headline: Msg::AdminPasswordWasReset, password: reset }));
        }
        Some(Err(error)) => {
            if error == AppError::Unauthenticated {
                hard_navigate(paths::LOGIN);
            }
            reset_error.set(Some(error));
        }
        None => {}
    });
    let count = move || i18n.fill(Msg::AdminAgentsCount, &[("total", &agents.with(Vec::len).to_string())]);
    view! {
        <section aria-labelledby="admin-agents-title">
            <h2 id="admin-agents-title">{i18n.t(Msg::AdminAgentsTitle)}</h2>
            <p role="status">{count}</p>
            {move || reset_error.get().map(|error| view! { <ErrorAlert error/> })}
            <DataTable
                caption=Msg::AdminAgentsTitle
                hidden_caption=true
                class="admin-table"
                columns=vec![
                    Msg::AdminColName,
                    Msg::AdminColEmail,
                    Msg::AdminColPrefecture,
                    Msg::AdminRole,
                    Msg::AdminColCreated,
                    Msg::AgentActions,
                ]
            >
                <For each=move || agents.get() key=|agent| agent.id let:agent>
                    <AgentRowView agent confirming action/>
                </For>
            </DataTable>
        </section>
    }
}

#[component]
fn AgentRowView(agent: AgentRow, confirming: RwSignal<Option<i32>>, action: ServerAction<AdminResetPassword>) -> impl IntoView {
    let i18n = use_i18n();
    let id = agent.id;
    let asking = move || confirming.get() == Some(id);
    // Keyboard users keep their place: the confirmation takes the focus when it appears, and
    // the reset button gets it back on "Annuler".
    let confirm_button = NodeRef::<html::Button>::new();
    let reset_button = NodeRef::<html::Button>::new();
    Effect::new(move |was_asking: Option<bool>| {
        let now = asking();
        if now {
            if let Some(button) = confirm_button.get() {
                let _ = button.focus();
            }
        } else if was_asking == Some(true) {
            if let Some(button) = reset_button.get() {
                let _ = button.focus();
            }
        }
        now
    });
    let who = agent.display_name.clone();
    let who_again = agent.display_name.clone();
    let role = role_label(agent.role);
    view! {
        <tr>
            <td>{agent.display_name.clone()}</td>
            <td>{agent.email.clone()}</td>
            <td>{agent.prefecture_name.clone()}<br/><span class="fr-text--xs">{agent.prefecture_code.clone()}</span></td>
            <td>
                <p class="fr-badge fr-badge--sm" class:fr-badge--info=agent.role.is_admin()>{i18n.t(role)}</p>
            </td>
            <td>{agent.created_at.clone()}</td>
            <td class="admin-actions">
                <Show
                    when=asking
                    fallback=move || view! {
                        <button type="button" node_ref=reset_button class="fr-btn fr-btn--secondary fr-btn--sm" on:click=move |_| confirming.set(Some(id))>
                            {i18n.t(Msg::AdminReset)}<span class="fr-sr-only">" – "{who.clone()}</span>
                        </button>
                    }
                >
                    <button
                        type="button"
                        node_ref=confirm_button
                        class="fr-btn fr-btn--sm"
                        disabled=move || action.pending().get()
                        on:click=move |_| { action.dispatch(AdminResetPassword { agent_id: id }); }
                    >
                        {i18n.t(Msg::AdminResetConfirm)}<span class="fr-sr-only">" – "{who_again.clone()}</span>
                    </button>
                    <button type="button" class="fr-btn fr-btn--tertiary-no-outline fr-btn--sm" on:click=move |_| confirming.set(None)>
                        {i18n.t(Msg::AdminResetCancel)}
                    </button>
                </Show>
            </td>
        </tr>
    }
}

/// The e-mails that could not be delivered, each with a button to send it again.
#[component]
fn DeadLetters(letters: Vec<DeadLetterRow>) -> impl IntoView {
    let i18n = use_i18n();
    let letters = RwSignal::new(letters);
    let resent = RwSignal::new(None::<String>);
    let failure = RwSignal::new(None::<AppError>);
    let action = ServerAction::<AdminResendEmail>::new();
    Effect::new(move |_| match action.value().get() {
        Some(Ok(())) => {
            let id = action.input().get_untracked().map(|input| input.id);
            let to = letters.with_untracked(|list| list.iter().find(|l| Some(l.id) == id).map(|l| l.to.clone()));
            letters.update(|list| list.retain(|l| Some(l.id) != id));
            resent.set(to.map(|to| i18n.fill(Msg::AdminResent, &[("email", &to)])));
            failure.set(None);
        }
        Some(Err(error)) => failure.set(Some(error)),
        None => {}
    });
    let count = move || i18n.fill(Msg::AdminDeadLettersCount, &[("total", &letters.with(Vec::len).to_string())]);
    view! {
        <section class="fr-mt-6w" aria-labelledby="admin-dead-letters-title">
            <h2 id="admin-dead-letters-title">{i18n.t(Msg::AdminDeadLettersTitle)}</h2>
            <p role="status">{count}" "{move || resent.get()}</p>
            {move || failure.get().map(|error| view! { <ErrorAlert error/> })}
            <Show when=move || letters.with(|l| !l.is_empty())>
                <DataTable
                    caption=Msg::AdminDeadLettersTitle
                    hidden_caption=true
                    class="admin-table"
                    columns=vec![Msg::AdminColRecipient, Msg::AdminColSubject, Msg::AdminColFailed, Msg::AdminColError, Msg::AgentActions]
                >
                    <For each=move || letters.get() key=|letter| letter.id let:letter>
                        <tr>
                            <td>{letter.to.clone()}</td>
                            <td>{letter.subject.clone()}</td>
                            <td>{letter.failed_at.clone()}</td>
                            <td class="fr-text--xs">{letter.error.clone()}</td>
                            <td>
                                <button
                                    type="button"
                                    class="fr-btn fr-btn--secondary fr-btn--sm"
                                    disabled=move || action.pending().get()
                                    on:click=move |_| { action.dispatch(AdminResendEmail { id: letter.id }); }
                                >
                                    {i18n.t(Msg::AdminResend)}<span class="fr-sr-only">" – "{letter.to.clone()}</span>
                                </button>
                            </td>
                        </tr>
                    </For>
                </DataTable>
            </Show>
        </section>
    }
}
