//! The back-office pages: login, the prefecture's queue, a file with its actions.

use leptos::prelude::*;
use leptos::task::spawn_local;
use leptos_router::hooks::{use_params_map, use_query_map};

use super::{
    agent_act, agent_file, agent_logout, agent_register_in_agdref, agent_request_complement, paths, queue, FileView, QueueFilter,
    QueuePage, RegistrationDone,
};
use crate::components::forms::{ErrorSummary, FormErrors, PasswordInput, SubmitButton, TextInput};
use crate::domain::catalogue::{self, PROCEDURES};
use crate::domain::complement::{key, validate_request, RequestedDocument, TEXT_MAX};
use crate::domain::lifecycle::FileStatus;
use crate::domain::validation::{FieldErrors, ValidationError};
use crate::error::AppError;
use crate::i18n::{use_i18n, I18n, Msg};
use crate::layout::{hard_navigate, url_encode, PageTitle};

fn status_label(i18n: I18n, code: &str) -> String {
    FileStatus::ALL.iter().find(|s| s.as_str() == code).map(|s| s.label().get(i18n.lang()).to_owned()).unwrap_or_else(|| code.to_owned())
}

fn procedure_label(i18n: I18n, id: &str) -> String {
    catalogue::procedure(id).map(|p| p.title.get(i18n.lang()).to_owned()).unwrap_or_else(|| id.to_owned())
}

/// Sends to the login page when the back-office session is missing.
/// Sends an agent without a session to the login page, and one with a temporary password to
/// its change; true when it did.
fn unauthenticated(error: &AppError) -> bool {
    match error {
        AppError::Unauthenticated => hard_navigate(paths::LOGIN),
        AppError::PasswordChangeRequired => hard_navigate(paths::PASSWORD),
        _ => return false,
    }
    true
}

#[component]
pub fn AgentLoginPage() -> impl IntoView {
    let i18n = use_i18n();
    let email = RwSignal::new(String::new());
    let password = RwSignal::new(String::new());
    let errors = FormErrors::new();
    let action = ServerAction::<super::AgentLogin>::new();
    Effect::new(move |_| match action.value().get() {
        Some(Ok(())) => hard_navigate(paths::QUEUE),
        Some(Err(error)) => {
            password.set(String::new());
            errors.show(error);
        }
        None => {}
    });
    let on_submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let (e, p) = (email.get_untracked(), password.get_untracked());
        let mut missing = FieldErrors::new();
        if e.trim().is_empty() {
            missing.add("email", ValidationError::Required);
        }
        if p.is_empty() {
            missing.add("password", ValidationError::Required);
        }
        if missing.is_empty() {
            errors.clear();
            action.dispatch(super::AgentLogin { email: e, password: p });
        } else {
            errors.show_fields(missing);
        }
    };
    view! {
        <PageTitle title=Msg::AgentLoginTitle/>
        <div class="fr-container fr-my-6w">
            <div class="fr-grid-row fr-grid-row--center">
                <div class="fr-col-12 fr-col-md-6">
                    <h1>{i18n.t(Msg::AgentLoginTitle)}</h1>
                    <p>{i18n.t(Msg::AgentLoginIntro)}</p>
                    <form on:submit=on_submit novalidate>
                        <ErrorSummary form=errors prefix="agent" labels=vec![("email", Msg::AgentEmail), ("password", Msg::LoginPassword)]/>
                        <TextInput id="agent-email" label=i18n.t(Msg::AgentEmail) value=email error=errors.field("email")
                            input_type="email" autocomplete="username"/>
                        <PasswordInput id="agent-password" label=i18n.t(Msg::LoginPassword) value=password error=errors.field("password")
                            autocomplete="current-password"/>
                        <SubmitButton label=i18n.t(Msg::LoginSubmit) pending=action.pending()/>
                    </form>
                </div>
            </div>
        </div>
    }
}

/// The queue's filters from the address bar, so a filtered page can be bookmarked and shared.
fn filter_from_query(get: impl Fn(&str) -> Option<String>) -> QueueFilter {
    let non_empty = |key: &str| get(key).filter(|v| !v.trim().is_empty());
    QueueFilter {
        status: non_empty("statut"),
        procedure: non_empty("demarche"),
        search: non_empty("recherche"),
        filed_from: non_empty("depuis"),
        filed_to: non_empty("jusqua"),
        deadline_before: non_empty("echeance"),
        page: get("page").and_then(|p| p.parse().ok()).unwrap_or(1),
    }
}

fn query_of(filter: &QueueFilter, page: u64) -> String {
    let mut parts = Vec::new();
    for (key, value) in [
        ("statut", &filter.status),
        ("demarche", &filter.procedure),
        ("recherche", &filter.search),
        ("depuis", &filter.filed_from),
        ("jusqua", &filter.filed_to),
        ("echeance", &filter.deadline_before),
    ] {
        if let Some(value) = value {
            parts.push(format!("{key}={}", url_encode(value)));
        }
    }
    parts.push(format!("page={page}"));
    format!("{}?{}", paths::QUEUE, parts.join("&"))
}

#[component]
pub fn QueuePageView() -> impl IntoView {
    let i18n = use_i18n();
    let query = use_query_map();
    let filter = Memo::new(move |_| query.with(|q| filter_from_query(|k| q.get(k))));
    let data = Resource::new(move || filter.get(), queue);
    view! {
        <PageTitle title=Msg::AgentQueueTitle/>
        <div class="fr-container fr-my-4w">
            <Suspense fallback=|| ()>
                {move || data.get().map(|loaded| match loaded {
                    Ok(page) => view! { <Queue page filter=filter.get_untracked()/> }.into_any(),
                    Err(error) => {
                        unauthenticated(&error);
                        view! {
                            <h1>{i18n.t(Msg::AgentQueueTitle)}</h1>
                            <div class="fr-alert fr-alert--error" role="alert"><p>{error.message(i18n.lang())}</p></div>
                            <a class="fr-btn" href=paths::LOGIN rel="external">{i18n.t(Msg::AgentLoginTitle)}</a>
                        }.into_any()
                    }
                })}
            </Suspense>
        </div>
    }
}

#[component]
fn Queue(page: QueuePage, filter: QueueFilter) -> impl IntoView {
    let i18n = use_i18n();
    let lang = i18n.lang();
    let logout = move |_| {
        spawn_local(async move {
            let _ = agent_logout().await;
            hard_navigate(paths::LOGIN);
        });
    };
    let counts = page.counts.clone();
    let rows = page
        .items
        .iter()
        .map(|item| {
            view! {
                <tr>
                    <td><a class="fr-link" href=paths::file(&item.id)>{item.file_number.clone()}</a></td>
                    <td>{item.holder.clone()}<br/><span class="fr-text--xs">{item.numero_etranger.clone().unwrap_or_default()}</span></td>
                    <td>{procedure_label(i18n, &item.procedure)}</td>
                    <td><p class="fr-badge fr-badge--sm fr-badge--info">{status_label(i18n, &item.status)}</p></td>
                    <td>{item.filed_on.clone()}</td>
                    <td>{item.deadline_on.clone().unwrap_or_default()}</td>
                </tr>
            }
        })
        .collect_view();
    let previous = (page.page > 1).then(|| query_of(&filter, page.page - 1));
    let next = (page.page < page.pages).then(|| query_of(&filter, page.page + 1));
    let selected = |value: &Option<String>, code: &str| value.as_deref() == Some(code);
    view! {
        <div class="agent-bar">
            <p class="fr-text--sm fr-mb-0">{page.agent.clone()}" – "{page.prefecture.clone()}</p>
            <div class="agent-bar__links">
                {page.is_admin.then(|| view! { <a class="fr-link fr-link--sm" href=super::admin::PATH>{i18n.t(Msg::AdminTitle)}</a> })}
                <button type="button" class="fr-btn fr-btn--tertiary fr-btn--sm" on:click=logout>{i18n.t(Msg::LogOut)}</button>
            </div>
        </div>
        <h1>{i18n.t(Msg::AgentQueueTitle)}</h1>
        <ul class="agent-counts">
            {counts.into_iter().map(|(status, count)| view! {
                <li><a class="fr-tag" href=format!("{}?statut={status}", paths::QUEUE)>{format!("{} : {count}", status_label(i18n, &status))}</a></li>
            }).collect_view()}
        </ul>
        <form method="get" action=paths::QUEUE class="agent-filters fr-mb-3w">
            <div class="fr-input-group">
                <label class="fr-label" for="q-recherche">{i18n.t(Msg::AgentSearch)}</label>
                <input class="fr-input" type="search" id="q-recherche" name="recherche" value=filter.search.clone().unwrap_or_default()/>
            </div>
            <div class="fr-select-group">
                <label class="fr-label" for="q-statut">{i18n.t(Msg::ProceduresColStatus)}</label>
                <select class="fr-select" id="q-statut" name="statut">
                    <option value="">{i18n.t(Msg::AgentAll)}</option>
                    {FileStatus::ALL.iter().filter(|s| !matches!(s, FileStatus::Brouillon | FileStatus::Abandonnee)).map(|s| view! {
                        <option value=s.as_str() selected=selected(&filter.status, s.as_str())>{s.label().get(lang)}</option>
                    }).collect_view()}
                </select>
            </div>
            <div class="fr-select-group">
                <label class="fr-label" for="q-demarche">{i18n.t(Msg::ProceduresColProcedure)}</label>
                <select class="fr-select" id="q-demarche" name="demarche">
                    <option value="">{i18n.t(Msg::AgentAll)}</option>
                    {PROCEDURES.iter().map(|p| view! {
                        <option value=p.id selected=selected(&filter.procedure, p.id)>{p.title.get(lang)}</option>
                    }).collect_view()}
                </select>
            </div>
            <div class="fr-input-group">
                <label class="fr-label" for="q-depuis">{i18n.t(Msg::AgentFiledFrom)}</label>
                <input class="fr-input" type="date" id="q-depuis" name="depuis" value=filter.filed_from.clone().unwrap_or_default()/>
            </div>
            <div class="fr-input-group">
                <label class="fr-label" for="q-jusqua">{i18n.t(Msg::AgentFiledTo)}</label>
                <input class="fr-input" type="date" id="q-jusqua" name="jusqua" value=filter.filed_to.clone().unwrap_or_default()/>
            </div>
            <div class="fr-input-group">
                <label class="fr-label" for="q-echeance">{i18n.t(Msg::AgentDeadlineBefore)}</label>
                <input class="fr-input" type="date" id="q-echeance" name="echeance" value=filter.deadline_before.clone().unwrap_or_default()/>
            </div>
            <button type="submit" class="fr-btn">{i18n.t(Msg::AgentFilter)}</button>
        </form>
        <p role="status">{i18n.fill(Msg::AgentResults, &[("total", &page.total.to_string())])}</p>
        <div class="fr-table">
            <div class="fr-table__wrapper"><div class="fr-table__container"><div class="fr-table__content">
                <table>
                    <caption>{i18n.t(Msg::AgentQueueTitle)}</caption>
                    <thead>
                        <tr>
                            <th scope="col">{i18n.t(Msg::ProceduresColNumber)}</th>
                            <th scope="col">{i18n.t(Msg::AgentApplicant)}</th>
                            <th scope="col">{i18n.t(Msg::ProceduresColProcedure)}</th>
                            <th scope="col">{i18n.t(Msg::ProceduresColStatus)}</th>
                            <th scope="col">{i18n.t(Msg::ProceduresColDate)}</th>
                            <th scope="col">{i18n.t(Msg::AgentDeadline)}</th>
                        </tr>
                    </thead>
                    <tbody>{rows}</tbody>
                </table>
            </div></div></div>
        </div>
        <nav class="fr-pagination" aria-label=i18n.t(Msg::AgentPagination)>
            <ul class="fr-pagination__list">
                {previous.map(|href| view! { <li><a class="fr-pagination__link fr-pagination__link--prev" href=href>{i18n.t(Msg::AgentPrevious)}</a></li> })}
                <li><span class="fr-pagination__link" aria-current="page">{format!("{} / {}", page.page, page.pages.max(1))}</span></li>
                {next.map(|href| view! { <li><a class="fr-pagination__link fr-pagination__link--next" href=href>{i18n.t(Msg::AgentNext)}</a></li> })}
            </ul>
        </nav>
    }
}

#[component]
pub fn AgentFilePage() -> impl IntoView {
    let i18n = use_i18n();
    let params = use_params_map();
    let id = Memo::new(move |_| params.read().get("id").unwrap_or_default());
    let data = Resource::new(move || id.get(), agent_file);
    view! {
        <PageTitle title=Msg::AgentFileTitle/>
        <div class="fr-container fr-my-4w">
            <p><a class="fr-link fr-icon-arrow-left-line fr-link--icon-left" href=paths::QUEUE>{i18n.t(Msg::AgentBackToQueue)}</a></p>
            <Suspense fallback=|| ()>
                {move || data.get().map(|loaded| match loaded {
                    Ok(file) => view! { <AgentFile file/> }.into_any(),
                    Err(error) => {
                        unauthenticated(&error);
                        view! {
                            <h1>{i18n.t(Msg::AgentFileTitle)}</h1>
                            <div class="fr-alert fr-alert--error" role="alert"><p>{error.message(i18n.lang())}</p></div>
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
                <p class="fr-text--lead">{procedure_label(i18n, &f.procedure)}" – "<span class="fr-badge fr-badge--info">{status_label(i18n, &f.status)}</span></p>
                <p class="fr-text--sm">{i18n.fill(Msg::AgentFiledAt, &[("at", &f.filed_at), ("prefecture", &f.prefecture)])}</p>
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
                            {document.files.iter().map(|joined| view! {
                                <a class="fr-link fr-mr-2w" href=paths::joined_file(&f.id, joined.id) target="_blank" rel="external noopener"
                                    title=format!("{} – nouvelle fenêtre", joined.name)>{joined.name.clone()}</a>
                            }).collect_view()}
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
                            {event.from_status.as_deref().map(|s| format!("{} → ", status_label(i18n, s)))}
                            {status_label(i18n, &event.to_status)}
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
                        {item.new_files.iter().map(|f| view! {
                            <br/><a class="fr-link" href=paths::joined_file(&id, f.id) target="_blank" rel="external noopener"
                                title=format!("{} – nouvelle fenêtre", f.name)>{f.name.clone()}</a>
                        }).collect_view()}
                    </li>
                }).collect_view()}
            </ul>
            {request.message.clone().map(|m| view! { <p><strong>{i18n.t(Msg::ComplementMessage)}" : "</strong>{m}</p> })}
        </section>
    }
}

/// "Demander des pièces complémentaires": the documents to ask for, each with its reason.
#[component]
fn ComplementRequestForm(file: RwSignal<FileView>) -> impl IntoView {
    let i18n = use_i18n();
    let form = FormErrors::new();
    let pending = RwSignal::new(false);
    let requestable = file.with_untracked(|f| f.requestable.clone());
    let rows: Vec<(String, String, RwSignal<bool>, RwSignal<String>)> =
        requestable.into_iter().map(|(code, label)| (code, label, RwSignal::new(false), RwSignal::new(String::new()))).collect();
    let rows = StoredValue::new(rows);
    let labels: Vec<(String, String)> = rows.with_value(|r| r.iter().map(|(code, label, _, _)| (key(code), label.clone())).collect());
    let on_submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let documents: Vec<RequestedDocument> = rows.with_value(|r| {
            r.iter()
                .filter(|(_, _, asked, _)| asked.get_untracked())
                .map(|(code, _, _, reason)| RequestedDocument { document: code.clone(), reason: reason.get_untracked() })
                .collect()
        });
        let known: Vec<String> = rows.with_value(|r| r.iter().map(|(code, ..)| code.clone()).collect());
        let known: Vec<&str> = known.iter().map(String::as_str).collect();
        if let Err(errors) = validate_request(&documents, &known) {
            form.show_fields(errors);
            return;
        }
        form.clear();
        pending.set(true);
        let id = file.with_untracked(|f| f.id.clone());
        spawn_local(async move {
            let result = agent_request_complement(id, documents).await;
            pending.set(false);
            match result {
                Ok(updated) => file.set(updated),
                Err(error) => {
                    if !unauthenticated(&error) {
                        form.show(error);
                    }
                }
            }
        });
    };
    view! {
        <section class="fr-mt-4w" aria-labelledby="agent-request-title">
            <h2 class="fr-h4" id="agent-request-title">{i18n.t(Msg::AgentRequestComplement)}</h2>
            <form on:submit=on_submit novalidate>
                <ErrorSummary form prefix="f" labels=vec![("documents", Msg::AgentRequestComplement)] texts=labels/>
                <fieldset class="fr-fieldset" id="f-documents" tabindex="-1">
                    <legend class="fr-fieldset__legend fr-fieldset__legend--regular">{i18n.t(Msg::AgentRequestWhich)}</legend>
                    {rows.with_value(|r| r.iter().map(|(code, label, asked, reason)| {
                        let (asked, reason) = (*asked, *reason);
                        let box_id = format!("ask-{code}");
                        let reason_id = format!("f-{}", key(code));
                        let error = form.field_named(key(code));
                        view! {
                            <div class="fr-fieldset__element">
                                <div class="fr-checkbox-group">
                                    <input type="checkbox" id=box_id.clone() prop:checked=move || asked.get()
                                        on:change=move |ev| asked.set(event_target_checked(&ev))/>
                                    <label class="fr-label" for=box_id>{label.clone()}</label>
                                </div>
                                <Show when=move || asked.get()>
                                    <div class="fr-input-group fr-ml-4w" class:fr-input-group--error=move || error.with(Option::is_some)>
                                        <label class="fr-label" for=reason_id.clone()>{i18n.t(Msg::AgentRequestReason)}" *"</label>
                                        <textarea class="fr-input" id=reason_id.clone() rows="2" maxlength=TEXT_MAX
                                            prop:value=move || reason.get() on:input=move |ev| reason.set(event_target_value(&ev))></textarea>
                                        {move || error.get().map(|m| view! { <p class="fr-error-text">{m}</p> })}
                                    </div>
                                </Show>
                            </div>
                        }
                    }).collect_view())}
                </fieldset>
                <button type="submit" class="fr-btn fr-btn--secondary" disabled=move || pending.get()>{i18n.t(Msg::AgentRequestSend)}</button>
            </form>
        </section>
    }
}

/// "Refuser la demande": the reason and the prefecture's signed decision (PDF), sent with an
/// XMLHttpRequest because of the file.
#[component]
fn RefusalForm(file: RwSignal<FileView>) -> impl IntoView {
    let i18n = use_i18n();
    let form = FormErrors::new();
    let reason = RwSignal::new(String::new());
    let pending = RwSignal::new(false);
    let input = NodeRef::<leptos::html::Input>::new();
    let on_submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let mut errors = FieldErrors::new();
        if reason.get_untracked().trim().is_empty() {
            errors.add("note", ValidationError::Required);
        }
        #[cfg(feature = "hydrate")]
        let chosen = input.get().and_then(|i| i.files()).and_then(|l| l.get(0));
        #[cfg(not(feature = "hydrate"))]
        let chosen: Option<()> = {
            let _ = (input, file);
            None
        };
        if chosen.is_none() {
            errors.add("decision", ValidationError::Required);
        }
        if !errors.is_empty() {
            form.show_fields(errors);
            return;
        }
        form.clear();
        pending.set(true);
        #[cfg(feature = "hydrate")]
        if let Some(pdf) = chosen {
            use wasm_bindgen::closure::Closure;
            use wasm_bindgen::JsCast;
            let id = file.with_untracked(|f| f.id.clone());
            let Ok(xhr) = web_sys::XmlHttpRequest::new() else { return };
            if xhr.open_with_async("POST", &paths::refusal(&id, &reason.get_untracked()), true).is_err() {
                return;
            }
            let done = xhr.clone();
            let on_done = Closure::<dyn Fn()>::new(move || {
                pending.set(false);
                let body = done.response_text().ok().flatten().unwrap_or_default();
                match done.status().unwrap_or(0) {
                    200 => {
                        if let Ok(updated) = serde_json::from_str::<FileView>(&body) {
                            file.set(updated);
                        }
                    }
                    0 => form.show(AppError::Network(String::new())),
                    _ => form.show(serde_json::from_str::<AppError>(&body).unwrap_or(AppError::Internal)),
                }
            });
            xhr.set_onloadend(Some(on_done.as_ref().unchecked_ref()));
            on_done.forget();
            let _ = xhr.send_with_opt_blob(Some(&pdf));
        }
    };
    view! {
        <section class="fr-mt-4w" aria-labelledby="agent-refusal-title">
            <h2 class="fr-h4" id="agent-refusal-title">{i18n.t(Msg::AgentRefusal)}</h2>
            <form on:submit=on_submit novalidate>
                <ErrorSummary form prefix="refusal" labels=vec![("note", Msg::AgentRefusalReason), ("decision", Msg::AgentRefusalDecision)]/>
                <div class="fr-input-group">
                    <label class="fr-label" for="refusal-note">{i18n.t(Msg::AgentRefusalReason)}" *"</label>
                    <textarea class="fr-input" id="refusal-note" rows="3" maxlength="2000" prop:value=move || reason.get()
                        on:input=move |ev| reason.set(event_target_value(&ev))></textarea>
                    {move || form.field("note").get().map(|m| view! { <p class="fr-error-text">{m}</p> })}
                </div>
                <div class="fr-upload-group">
                    <label class="fr-label" for="refusal-decision">{i18n.t(Msg::AgentRefusalDecision)}" *"
                        <span class="fr-hint-text">"PDF, 10 Mo"</span></label>
                    <input class="fr-upload" type="file" id="refusal-decision" accept=".pdf,application/pdf" node_ref=input/>
                    {move || form.field("decision").get().map(|m| view! { <p class="fr-error-text">{m}</p> })}
                </div>
                <button type="submit" class="fr-btn fr-btn--secondary fr-mt-2w" disabled=move || pending.get()>{i18n.t(Msg::AgentRefusalSend)}</button>
            </form>
        </section>
    }
}

/// `/agent/mot-de-passe`: an agent replaces the temporary password an administrator issued;
/// every other back-office page sends them here until it is done.
#[component]
pub fn AgentPasswordPage() -> impl IntoView {
    let i18n = use_i18n();
    let current = RwSignal::new(String::new());
    let password = RwSignal::new(String::new());
    let confirmation = RwSignal::new(String::new());
    let errors = FormErrors::new();
    let action = ServerAction::<super::ChangeAgentPassword>::new();
    Effect::new(move |_| match action.value().get() {
        Some(Ok(())) => hard_navigate(paths::QUEUE),
        Some(Err(AppError::Unauthenticated)) => hard_navigate(paths::LOGIN),
        Some(Err(error)) => errors.show(error),
        None => {}
    });
    let on_submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let (cur, p, c) = (current.get_untracked(), password.get_untracked(), confirmation.get_untracked());
        let mut field_errors = FieldErrors::new();
        if cur.is_empty() {
            field_errors.add("current", ValidationError::Required);
        }
        if let Err((field, error)) = crate::domain::password::check_new(&p, &c) {
            field_errors.add(field, error);
        } else if p == cur {
            field_errors.add("password", ValidationError::PasswordUnchanged);
        }
        if field_errors.is_empty() {
            errors.clear();
            action.dispatch(super::ChangeAgentPassword { current: cur, password: p, password_confirmation: c });
        } else {
            errors.show_fields(field_errors);
        }
    };
    view! {
        <PageTitle title=Msg::ChangePasswordTitle/>
        <div class="fr-container fr-my-4w">
            <div class="fr-grid-row">
                <div class="fr-col-12 fr-col-md-8 fr-col-lg-6">
                    <h1>{i18n.t(Msg::ChangePasswordTitle)}</h1>
                    <div class="fr-alert fr-alert--warning fr-mb-3w"><p>{i18n.t(Msg::ChangePasswordForcedIntro)}</p></div>
                    <p class="fr-text--sm">{i18n.t(Msg::RequiredFieldsNote)}</p>
                    <form on:submit=on_submit novalidate>
                        <ErrorSummary
                            form=errors
                            prefix="agent-change"
                            labels=vec![("current", Msg::CurrentPassword), ("password", Msg::NewPassword), ("password_confirmation", Msg::NewPasswordConfirm)]
                        />
                        <PasswordInput id="agent-change-current" label=i18n.t(Msg::CurrentPassword) value=current error=errors.field("current") autocomplete="current-password"/>
                        <PasswordInput id="agent-change-password" label=i18n.t(Msg::NewPassword) value=password error=errors.field("password") autocomplete="new-password" show_rules=true/>
                        <PasswordInput
                            id="agent-change-password_confirmation"
                            label=i18n.t(Msg::NewPasswordConfirm)
                            value=confirmation
                            error=errors.field("password_confirmation")
                            autocomplete="new-password"
                        />
                        <SubmitButton label=i18n.t(Msg::ChangePasswordSubmit) pending=action.pending()/>
                    </form>
                </div>
            </div>
        </div>
    }
}
