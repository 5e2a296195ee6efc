//! A file as the agent instructs it: every answer and document, its history, the lifecycle's
//! actions, the AGDREF registration and the last complementary-document request.

use leptos::prelude::*;
use leptos::task::spawn_local;
use leptos_router::hooks::use_params_map;

use super::file_forms::{ComplementRequestForm, RefusalForm};
use super::shared::{procedure_label, status_label, unauthenticated};
use super::{agent_act, agent_file, agent_register_in_agdref, paths, FileView, RegistrationDone};
use crate::components::alert::ErrorAlert;
use crate::components::forms::{ErrorSummary, FormErrors};
use crate::i18n::{use_i18n, Msg};
use crate::layout::PageTitle;

#[component]
pub fn AgentFilePage() -> impl IntoView {
    let i18n = use_i18n();
    let params = use_params_map();
    let id = Memo::new(move |_| params.read().get("id").unwrap_or_default());
    let data = Resource::new(move || id.get(), agent_file);
    let thread = Resource::new(move || id.get(), crate::messages::agent_thread);
    view! {
        <PageTitle title=Msg::AgentFileTitle/>
        <div class="fr-container fr-my-4w">
            <p><a class="fr-link fr-icon-arrow-left-line fr-link--icon-left" href=paths::QUEUE>{i18n.t(Msg::AgentBackToQueue)}</a></p>
            <Suspense fallback=|| ()>
                {move || data.get().map(|loaded| match loaded {
                    Ok(file) => view! { <AgentFile file/><crate::messages::ThreadSection thread/> }.into_any(),
                    Err(error) => {
                        unauthenticated(&error);
                        view! {
                            <h1>{i18n.t(Msg::AgentFileTitle)}</h1>
                            <ErrorAlert error/>
                        }.into_any()
                    }
                })}
            </Suspense>
        </div>
    }
}

#[component]
fn AgentFile(file: FileView) -> impl IntoView {
    let i18n = use_i18n();
    let file = RwSignal::new(file);
    let note = RwSignal::new(String::new());
    let form = FormErrors::new();
    let pending = RwSignal::new(false);
    let notice = RwSignal::new(None::<String>);
    let act = move |code: String, label: String| {
        pending.set(true);
        let id = file.with_untracked(|f| f.id.clone());
        let text = Some(note.get_untracked()).filter(|n| !n.trim().is_empty());
        spawn_local(async move {
            let result = agent_act(id, code, text).await;
            pending.set(false);
            match result {
                Ok(updated) => {
                    form.clear();
                    note.set(String::new());
                    notice.set(Some(label));
                    file.set(updated);
                }
                Err(error) => {
                    if !unauthenticated(&error) {
                        form.show(error);
                    }
                }
            }
        });
    };
    view! {
        {move || file.with(|f| {
            let civil = &f.civil_status;
            view! {
                <h1>{format!("{} {}", i18n.t(Msg::AgentFileTitle), f.file_number)}</h1>
                <p class="fr-text--lead">{procedure_label(i18n, &f.procedure)}" – "<span class="fr-badge fr-badge--info">{status_label(i18n, f.status)}</span></p>
                <p class="fr-text--sm">{i18n.fill(Msg::AgentFiledAt, &[("at", &f.filed_at), ("prefecture", &f.prefecture)])}</p>
                {f.implicit_decision_on.clone().map(|day| view! {
                    <p class="fr-badge fr-badge--warning fr-badge--sm implicit-decision">{i18n.fill(Msg::AgentImplicitOn, &[("day", &day)])}</p>
                })}
                <h2 class="fr-h4">{i18n.t(Msg::WizardCivilStatus)}</h2>
                <dl class="answers">
                    <dt>{i18n.t(Msg::WizardBirthName)}</dt><dd>{civil.birth_name.clone()}</dd>
                    <dt>{i18n.t(Msg::WizardGivenNames)}</dt><dd>{civil.given_names.clone()}</dd>
                    <dt>{i18n.t(Msg::WizardBirth)}</dt><dd>{format!("{}, {} ({})", civil.birth_date, civil.birth_place, civil.birth_country)}</dd>
                    <dt>{i18n.t(Msg::WizardNationality)}</dt><dd>{civil.nationality.clone()}</dd>
                    <dt>{i18n.t(Msg::AgentNumeroEtranger)}</dt><dd>{civil.numero_etranger.clone().unwrap_or_else(|| i18n.t(Msg::AgentNoNumero).to_owned())}</dd>
                    <dt>{i18n.t(Msg::WizardEmail)}</dt><dd>{civil.email.clone()}</dd>
                </dl>
                {f.parts.iter().map(|part| view! {
                    <h2 class="fr-h4 fr-mt-3w">{part.title.clone()}</h2>
                    <dl class="answers">
                        {part.rows.iter().map(|(label, value)| view! {
                            <dt>{label.clone()}</dt>
                            <dd>{value.clone().unwrap_or_else(|| i18n.t(Msg::RecapNotAnswered).to_owned())}</dd>
                        }).collect_view()}
                    </dl>
                }).collect_view()}
                <h2 class="fr-h4 fr-mt-3w">{i18n.t(Msg::AgentDocuments)}</h2>
                <ul>
                    {f.documents.iter().map(|document| view! {
                        <li>
                            <strong>{document.label.clone()}</strong>" : "
                            {document.files.iter().map(|joined| view! { <AgentFileLink id=f.id.clone() file=joined.clone()/> }).collect_view()}
                        </li>
                    }).collect_view()}
                </ul>
                <h2 class="fr-h4 fr-mt-3w">{i18n.t(Msg::RecapObservations)}</h2>
                <p>{f.observations.clone().unwrap_or_else(|| i18n.t(Msg::RecapNotAnswered).to_owned())}</p>
                <h2 class="fr-h4 fr-mt-3w">{i18n.t(Msg::AgentHistory)}</h2>
                <ol class="agent-history">
                    {f.history.iter().map(|event| view! {
                        <li>
                            <strong>{event.at.clone()}</strong>" – "{event.action.clone()}" ("{event.actor.clone()}") : "
                            {event.from_status.map(|s| format!("{} → ", status_label(i18n, s)))}
                            {status_label(i18n, event.to_status)}
                            {event.detail.clone().map(|d| format!(" – {d}"))}
                        </li>
                    }).collect_view()}
                </ol>
            }
        })}
        <AgdrefRegistration file/>
        {move || file.with(|f| f.complement.clone()).map(|request| view! { <ComplementSummary id=file.with_untracked(|f| f.id.clone()) request/> })}
        <Show when=move || file.with(|f| f.can_request_complement)>
            <ComplementRequestForm file/>
        </Show>
        <Show when=move || file.with(|f| f.can_refuse)>
            <RefusalForm file/>
        </Show>
        <crate::corrections::ChangesSummary file/>
        <Show when=move || file.with(|f| f.can_request_correction)>
            <crate::corrections::CorrectionRequestForm file/>
        </Show>
        <section class="fr-mt-4w" aria-labelledby="agent-actions-title">
            <h2 class="fr-h4" id="agent-actions-title">{i18n.t(Msg::AgentActions)}</h2>
            <ErrorSummary form prefix="agent" labels=vec![("note", Msg::AgentNote)]/>
            {move || notice.get().map(|label| view! {
                <div class="fr-alert fr-alert--success fr-alert--sm fr-mb-2w" role="status"><p>{i18n.fill(Msg::AgentDone, &[("action", &label)])}</p></div>
            })}
            <div class="fr-input-group">
                <label class="fr-label" for="agent-note">{i18n.t(Msg::AgentNote)}
                    <span class="fr-hint-text">{i18n.t(Msg::AgentNoteHint)}</span></label>
                <textarea class="fr-input" id="agent-note" rows="3" maxlength="2000" prop:value=move || note.get()
                    on:input=move |ev| note.set(event_target_value(&ev))></textarea>
            </div>
            <ul class="fr-btns-group fr-btns-group--inline-md">
                {move || file.with(|f| f.actions.clone()).into_iter().map(|action| {
                    let (code, label) = (action.code.clone(), action.label.clone());
                    view! {
                        <li><button type="button" class="fr-btn" disabled=move || pending.get()
                            on:click=move |_| act(code.clone(), label.clone())>{action.label.clone()}</button></li>
                    }
                }).collect_view()}
            </ul>
            <Show when=move || file.with(|f| f.actions.is_empty())>
                <p>{i18n.t(Msg::AgentNoAction)}</p>
            </Show>
        </section>
    }
}

/// "Enregistrement dans AGDREF": offered while the holder is a visa holder without a numéro
/// étranger; once done, says which number was created and where the two e-mails went.
#[component]
fn AgdrefRegistration(file: RwSignal<FileView>) -> impl IntoView {
    let i18n = use_i18n();
    let form = FormErrors::new();
    let pending = RwSignal::new(false);
    let done = RwSignal::new(None::<(String, String)>);
    let register = move |_| {
        pending.set(true);
        let id = file.with_untracked(|f| f.id.clone());
        spawn_local(async move {
            let result = agent_register_in_agdref(id).await;
            pending.set(false);
            match result {
                Ok(RegistrationDone { numero_etranger, email, file: updated }) => {
                    form.clear();
                    done.set(Some((numero_etranger, email)));
                    file.set(updated);
                }
                Err(error) => {
                    if !unauthenticated(&error) {
                        form.show(error);
                    }
                }
            }
        });
    };
    let visible = move || done.with(Option::is_some) || file.with(|f| f.can_register_in_agdref);
    view! {
        <Show when=visible>
            <section class="fr-mt-4w" aria-labelledby="agent-agdref-title">
                <h2 class="fr-h4" id="agent-agdref-title">{i18n.t(Msg::AgdrefTitle)}</h2>
                <ErrorSummary form prefix="agdref" labels=vec![]/>
                {move || match done.get() {
                    Some((numero, email)) => view! {
                        <div class="fr-alert fr-alert--success fr-alert--sm" role="status">
                            <p>{i18n.fill(Msg::AgdrefDone, &[("numero", &numero), ("email", &email)])}</p>
                        </div>
                    }.into_any(),
                    None => view! {
                        <p>{i18n.t(Msg::AgdrefIntro)}</p>
                        <button type="button" class="fr-btn fr-btn--secondary" disabled=move || pending.get()
                            on:click=register>{i18n.t(Msg::AgdrefRegister)}</button>
                    }.into_any(),
                }}
            </section>
        </Show>
    }
}

/// The last complementary-document request and the applicant's answer, as the agent reads it.
#[component]
fn ComplementSummary(id: String, request: crate::filing::ComplementView) -> impl IntoView {
    let i18n = use_i18n();
    view! {
        <section class="fr-mt-4w" aria-labelledby="agent-complement-title">
            <h2 class="fr-h4" id="agent-complement-title">{i18n.t(Msg::ComplementTitle)}</h2>
            <p class="fr-text--sm">
                {i18n.fill(Msg::AgentComplementDates, &[("requested", &request.requested_on), ("deadline", &request.deadline_on)])}
                " "{if request.answered { i18n.t(Msg::AgentComplementAnswered) } else { i18n.t(Msg::AgentComplementWaiting) }}
            </p>
            <ul>
                {request.items.iter().map(|item| view! {
                    <li>
                        <strong>{item.label.clone()}</strong>" – "{item.reason.clone()}
                        {item.answer.as_deref().map(|answer| {
                            let text = if answer == "maintenu" { i18n.t(Msg::ComplementKeep) } else { i18n.t(Msg::ComplementReplace) };
                            view! { <br/><span class="fr-badge fr-badge--sm fr-badge--info">{text}</span> }
                        })}
                        {item.justification.clone().map(|j| view! { <br/><em>{j}</em> })}
                        {item.new_files.iter().map(|f| view! { <br/><AgentFileLink id=id.clone() file=f.clone()/> }).collect_view()}
                    </li>
                }).collect_view()}
            </ul>
            {request.message.clone().map(|m| view! { <p><strong>{i18n.t(Msg::ComplementMessage)}" : "</strong>{m}</p> })}
        </section>
    }
}

/// A file the applicant joined, as the agent opens it; a file still awaiting its virus scan is
/// named without a link until a scan clears it.
#[component]
fn AgentFileLink(id: String, file: crate::filing::JoinedFile) -> impl IntoView {
    let i18n = use_i18n();
    if file.held_for_scan {
        return view! {
            <span class="fr-mr-2w">{file.name}" "<span class="fr-badge fr-badge--sm fr-badge--warning">{i18n.t(Msg::FileHeldForScan)}</span></span>
        }
        .into_any();
    }
    view! {
        <a class="fr-link fr-mr-2w" href=paths::joined_file(&id, file.id) target="_blank" rel="external noopener"
            title=format!("{} – nouvelle fenêtre", file.name)>{file.name.clone()}</a>
    }
    .into_any()
}
