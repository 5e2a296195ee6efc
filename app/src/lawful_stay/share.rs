//! "Prouver ma situation" on the account page: when to renew the title, the reminders' switch,
//! and the share codes — created for a purpose, listed with their uses, revoked at will.

use leptos::prelude::*;
use leptos::task::spawn_local;

use super::notice::RenewalNoticeBox;
use super::{create_share_code, load_proofs, paths, revoke_share_code, set_reminders, ProofsView, ShareCodeState, ShareCodeView};
use crate::components::alert::ErrorAlert;
use crate::components::forms::{ErrorSummary, FormErrors, SubmitButton};
use crate::components::table::DataTable;
use crate::domain::lawful_stay::SharePurpose;
use crate::i18n::{use_i18n, Msg};

/// The section's data, to create at the top of the account page (a resource created in a part
/// that waits for another one does not hydrate).
pub fn proofs_resource() -> ProofsResource {
    Resource::new(|| (), |_| load_proofs())
}

pub type ProofsResource = Resource<Result<ProofsView, crate::error::AppError>>;

#[component]
pub fn ProofsSection(proofs: ProofsResource) -> impl IntoView {
    let i18n = use_i18n();
    // Outside the reloaded part, so that the new code stays on screen once the list reloads.
    let created = RwSignal::new(None::<ShareCodeView>);
    view! {
        <section id="preuves" class="fr-mb-6w" aria-labelledby="proofs-title">
            <h2 id="proofs-title">{i18n.t(Msg::StayProofsTitle)}</h2>
            // A transition: the section stays on screen while it reloads after a change.
            <Transition fallback=move || view! { <p>{i18n.t(Msg::Loading)}</p> }>
                {move || proofs.get().map(|loaded| match loaded {
                    Ok(view) => view! { <Proofs view created reload=Callback::new(move |_| proofs.refetch())/> }.into_any(),
                    Err(error) => view! { <ErrorAlert error/> }.into_any(),
                })}
            </Transition>
        </section>
    }
}

#[component]
fn Proofs(view: ProofsView, created: RwSignal<Option<ShareCodeView>>, reload: Callback<()>) -> impl IntoView {
    let i18n = use_i18n();
    let ProofsView { renewal, reminders, reminder_days, share_code_days, codes } = view;
    let has_title = renewal.is_some();
    let reminders_on = RwSignal::new(reminders);
    let saved = RwSignal::new(None::<Msg>);
    let toggle = move |ev: leptos::ev::Event| {
        let enabled = event_target_checked(&ev);
        reminders_on.set(enabled);
        spawn_local(async move {
            saved.set(Some(match set_reminders(enabled).await {
                Ok(()) if enabled => Msg::StayRemindersOn,
                Ok(()) => Msg::StayRemindersOff,
                Err(_) => Msg::StayRemindersFailed,
            }));
        });
    };
    view! {
        {renewal.map(|notice| view! { <RenewalNoticeBox notice/> })}
        {has_title.then(|| view! {
            <div class="fr-checkbox-group fr-mb-1w">
                <input type="checkbox" id="rappels" name="rappels" prop:checked=move || reminders_on.get() on:change=toggle/>
                <label class="fr-label" for="rappels">
                    {i18n.t(Msg::StayRemindersLabel)}
                    <span class="fr-hint-text">{i18n.fill(Msg::StayRemindersHint, &[("days", &reminder_days)])}</span>
                </label>
            </div>
            <p class="fr-text--sm" role="status">{move || saved.get().map(|m| i18n.t(m))}</p>
        })}
        <h3 class="fr-h5 fr-mt-3w">{i18n.t(Msg::StayShareTitle)}</h3>
        <p>{i18n.fill(Msg::StayShareIntro, &[("page", paths::VERIFY), ("days", &share_code_days.to_string())])}</p>
        <NewShareCode created reload/>
        {(!codes.is_empty()).then(|| view! { <ShareCodes codes reload/> })}
    }
}

#[component]
fn NewShareCode(created: RwSignal<Option<ShareCodeView>>, reload: Callback<()>) -> impl IntoView {
    let i18n = use_i18n();
    let lang = i18n.lang();
    let purpose = RwSignal::new(String::new());
    let form = FormErrors::new();
    let pending = RwSignal::new(false);
    let on_submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        // The same check as the server's, before the round trip.
        if let Err(error) = purpose.get_untracked().parse::<SharePurpose>() {
            form.show_fields(crate::domain::validation::FieldErrors(vec![crate::domain::validation::FieldError::new("purpose", error)]));
            return;
        }
        form.clear();
        pending.set(true);
        spawn_local(async move {
            match create_share_code(purpose.get_untracked()).await {
                Ok(code) => {
                    created.set(Some(code));
                    reload.run(());
                }
                Err(error) => form.show(error),
            }
            pending.set(false);
        });
    };
    let error = form.field("purpose");
    view! {
        <ErrorSummary form prefix="partage" labels=vec![("purpose", Msg::StaySharePurpose)]/>
        <form class="share-code-form fr-mb-3w" on:submit=on_submit novalidate>
            <div class="fr-select-group" class:fr-select-group--error=move || error.with(Option::is_some)>
                <label class="fr-label" for="partage-purpose">{i18n.t(Msg::StaySharePurpose)}" *"</label>
                <select
                    class="fr-select"
                    id="partage-purpose"
                    name="purpose"
                    aria-invalid=move || error.with(Option::is_some).then_some("true")
                    aria-describedby=move || error.with(Option::is_some).then_some("partage-purpose-error")
                    on:change=move |ev| purpose.set(event_target_value(&ev))
                >
                    <option value="" selected>{i18n.t(Msg::WizardSelect)}</option>
                    {SharePurpose::ALL.into_iter().map(|p| view! { <option value=p.as_str()>{p.label().get(lang)}</option> }).collect_view()}
                </select>
                {move || error.get().map(|message| view! { <p id="partage-purpose-error" class="fr-error-text">{message}</p> })}
            </div>
            <SubmitButton label=i18n.t(Msg::StayShareCreate) pending/>
        </form>
        {move || created.get().map(|code| view! {
            <div class="fr-alert fr-alert--success fr-mb-3w" role="status">
                <p>{i18n.fill(Msg::StayShareCreated, &[("until", &code.expires_on)])}</p>
                <p class="share-code"><strong>{code.code.clone()}</strong></p>
            </div>
        })}
    }
}

#[component]
fn ShareCodes(codes: Vec<ShareCodeView>, reload: Callback<()>) -> impl IntoView {
    let i18n = use_i18n();
    let lang = i18n.lang();
    let failed = RwSignal::new(None::<crate::error::AppError>);
    let rows = codes
        .into_iter()
        .map(|code| {
            let state = match code.state {
                ShareCodeState::Active => Msg::StayShareActive,
                ShareCodeState::Revoked => Msg::StayShareRevoked,
                ShareCodeState::Expired => Msg::StayShareExpired,
            };
            let revoke = (code.state == ShareCodeState::Active).then(|| {
                let value = code.code.clone();
                let label = i18n.fill(Msg::StayShareRevokeCode, &[("code", &code.code)]);
                view! {
                    <button type="button" class="fr-btn fr-btn--secondary fr-btn--sm" aria-label=label on:click=move |_| {
                        let value = value.clone();
                        spawn_local(async move {
                            match revoke_share_code(value).await {
                                Ok(()) => reload.run(()),
                                Err(error) => failed.set(Some(error)),
                            }
                        });
                    }>{i18n.t(Msg::StayShareRevoke)}</button>
                }
            });
            let uses = if code.checks.is_empty() { i18n.t(Msg::StayShareNoCheck).to_owned() } else { code.checks.join(", ") };
            view! {
                <tr>
                    <td class="share-code">{code.code.clone()}</td>
                    <td>{code.purpose.label().get(lang)}</td>
                    <td>{code.created_on.clone()}</td>
                    <td>{code.expires_on.clone()}</td>
                    <td>{i18n.t(state)}</td>
                    <td>{uses}</td>
                    <td>{revoke}</td>
                </tr>
            }
        })
        .collect_view();
    view! {
        {move || failed.get().map(|error| view! { <ErrorAlert error/> })}
        <DataTable
            caption=Msg::StayShareTitle
            hidden_caption=true
            class="share-codes"
            columns=vec![
                Msg::StayShareColCode,
                Msg::StaySharePurpose,
                Msg::StayShareColCreated,
                Msg::StayShareColUntil,
                Msg::ProceduresColStatus,
                Msg::StayShareColChecks,
                Msg::ProceduresColAction,
            ]
        >
            {rows}
        </DataTable>
    }
}
