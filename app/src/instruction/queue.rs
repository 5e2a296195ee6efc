//! The prefecture's queue: counts per status, filters kept in the address bar, one page of files.

use leptos::prelude::*;
use leptos::task::spawn_local;
use leptos_router::hooks::use_query_map;

use super::shared::{procedure_label, status_label, unauthenticated};
use super::{agent_logout, paths, queue, QueueFilter, QueuePage};
use crate::components::alert::ErrorAlert;
use crate::components::table::DataTable;
use crate::domain::catalogue::PROCEDURES;
use crate::domain::lifecycle::FileStatus;
use crate::i18n::{use_i18n, Msg};
use crate::layout::{hard_navigate, url_encode, PageTitle};

/// The queue's filters from the address bar, so a filtered page can be bookmarked and shared.
fn filter_from_query(get: impl Fn(&str) -> Option<String>) -> QueueFilter {
    let non_empty = |key: &str| get(key).filter(|v| !v.trim().is_empty());
    QueueFilter {
        // An unknown status in a hand-edited address filters nothing.
        status: non_empty("statut").and_then(|s| s.parse().ok()),
        procedure: non_empty("demarche").map(Into::into),
        search: non_empty("recherche"),
        filed_from: non_empty("depuis"),
        filed_to: non_empty("jusqua"),
        deadline_before: non_empty("echeance"),
        implicit_soon: non_empty("decision_implicite").is_some(),
        unread_messages: non_empty("messages_non_lus").is_some(),
        page: get("page").and_then(|p| p.parse().ok()).unwrap_or(1),
        after: non_empty("apres"),
        before: non_empty("avant"),
    }
}

/// The queue's address for `filter` at `page`, reached through `cursor` (`apres` or `avant`
/// and the cursor) where there is one.
fn query_of(filter: &QueueFilter, page: u64, cursor: Option<(&str, &str)>) -> String {
    let mut parts = Vec::new();
    let status = filter.status.map(|s| s.as_str().to_owned());
    let procedure = filter.procedure.as_ref().map(ToString::to_string);
    for (key, value) in [
        ("statut", &status),
        ("demarche", &procedure),
        ("recherche", &filter.search),
        ("depuis", &filter.filed_from),
        ("jusqua", &filter.filed_to),
        ("echeance", &filter.deadline_before),
    ] {
        if let Some(value) = value {
            parts.push(format!("{key}={}", url_encode(value)));
        }
    }
    if filter.implicit_soon {
        parts.push("decision_implicite=1".into());
    }
    if filter.unread_messages {
        parts.push("messages_non_lus=1".into());
    }
    parts.push(format!("page={page}"));
    if let Some((key, cursor)) = cursor {
        parts.push(format!("{key}={}", url_encode(cursor)));
    }
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
                            <ErrorAlert error/>
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
                    <td><p class="fr-badge fr-badge--sm fr-badge--info">{status_label(i18n, item.status)}</p></td>
                    <td>{item.filed_on.clone()}</td>
                    <td>{item.deadline_on.clone().unwrap_or_default()}</td>
                    <td>{item.implicit_decision_on.clone().unwrap_or_default()}</td>
                    <td class="unread-messages">{(item.unread_messages > 0).then(|| view! {
                        <p class="fr-badge fr-badge--sm fr-badge--new">{i18n.fill(Msg::MessagesUnread, &[("count", &item.unread_messages.to_string())])}</p>
                    })}</td>
                </tr>
            }
        })
        .collect_view();
    let previous = (page.page > 1).then(|| query_of(&filter, page.page - 1, page.previous.as_deref().map(|c| ("avant", c))));
    let next = (page.page < page.pages).then(|| query_of(&filter, page.page + 1, page.next.as_deref().map(|c| ("apres", c))));

    view! {
        <div class="agent-bar">
            <p class="fr-text--sm fr-mb-0">{page.agent.clone()}" – "{page.prefecture.clone()}</p>
            <div class="agent-bar__links">
                <a class="fr-link fr-link--sm" href=crate::appointments::paths::AGENT>{i18n.t(Msg::AgentAppointmentsLink)}</a>
                {page.is_admin.then(|| view! { <a class="fr-link fr-link--sm" href=super::admin::PATH>{i18n.t(Msg::AdminTitle)}</a> })}
                <a class="fr-link fr-link--sm" href=paths::TWO_STEP>{i18n.t(Msg::TwoStepTitle)}</a>
                <button type="button" class="fr-btn fr-btn--tertiary fr-btn--sm" on:click=logout>{i18n.t(Msg::LogOut)}</button>
            </div>
        </div>
        <h1>{i18n.t(Msg::AgentQueueTitle)}</h1>
        <ul class="agent-counts">
            {counts.into_iter().map(|(status, count)| view! {
                <li><a class="fr-tag" href=format!("{}?statut={status}", paths::QUEUE)>{format!("{} : {count}", status_label(i18n, status))}</a></li>
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
                        <option value=s.as_str() selected=filter.status == Some(*s)>{s.label().get(lang)}</option>
                    }).collect_view()}
                </select>
            </div>
            <div class="fr-select-group">
                <label class="fr-label" for="q-demarche">{i18n.t(Msg::ProceduresColProcedure)}</label>
                <select class="fr-select" id="q-demarche" name="demarche">
                    <option value="">{i18n.t(Msg::AgentAll)}</option>
                    {PROCEDURES.iter().map(|p| view! {
                        <option value=p.id selected=filter.procedure.as_deref() == Some(p.id)>{p.title.get(lang)}</option>
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
            <div class="fr-checkbox-group">
                <input type="checkbox" id="q-implicite" name="decision_implicite" value="1" checked=filter.implicit_soon/>
                <label class="fr-label" for="q-implicite">{i18n.t(Msg::AgentImplicitSoon)}</label>
            </div>
            <div class="fr-checkbox-group">
                <input type="checkbox" id="q-messages" name="messages_non_lus" value="1" checked=filter.unread_messages/>
                <label class="fr-label" for="q-messages">{i18n.t(Msg::AgentUnreadOnly)}</label>
            </div>
            <button type="submit" class="fr-btn">{i18n.t(Msg::AgentFilter)}</button>
        </form>
        <p role="status">{i18n.fill(Msg::AgentResults, &[("total", &page.total.to_string())])}</p>
        <DataTable
            caption=Msg::AgentQueueTitle
            columns=vec![
                Msg::ProceduresColNumber,
                Msg::AgentApplicant,
                Msg::ProceduresColProcedure,
                Msg::ProceduresColStatus,
                Msg::ProceduresColDate,
                Msg::AgentDeadline,
                Msg::AgentImplicitDecision,
                Msg::MessagesTitle,
            ]
        >
            {rows}
        </DataTable>
        <nav class="fr-pagination" aria-label=i18n.t(Msg::AgentPagination)>
            <ul class="fr-pagination__list">
                {previous.map(|href| view! { <li><a class="fr-pagination__link fr-pagination__link--prev" href=href>{i18n.t(Msg::AgentPrevious)}</a></li> })}
                <li><span class="fr-pagination__link" aria-current="page">{format!("{} / {}", page.page, page.pages.max(1))}</span></li>
                {next.map(|href| view! { <li><a class="fr-pagination__link fr-pagination__link--next" href=href>{i18n.t(Msg::AgentNext)}</a></li> })}
            </ul>
        </nav>
    }
}
