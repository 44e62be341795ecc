import { registerEnumType } from 'type-graphql';

/**
 * The event types a client reports through `recordHelpEvents`. SEARCH is missing on purpose: searches are recorded by
 * `searchArticles` itself, so their hit lists are the ones really shown.
 */
export enum ReportedHelpEventType {
  SEARCH_CLICK = 'SEARCH_CLICK',
  ARTICLE_VIEW = 'ARTICLE_VIEW',
  ARTICLE_VOTE = 'ARTICLE_VOTE',
  SUPPORT_CONTACT = 'SUPPORT_CONTACT',
}
registerEnumType(ReportedHelpEventType, {
  name: 'HelpEventType',
  description: 'Kinds of self-help activity a client reports.',
  valuesConfig: {
    SEARCH_CLICK: { description: 'A search result was opened (needs searchId, articleId and a 1-based position).' },
    ARTICLE_VIEW: { description: 'An article was read (needs articleId; searchId when opened from a search).' },
    ARTICLE_VOTE: { description: 'A "was this helpful?" answer (needs articleId and helpful; reason optional).' },
    SUPPORT_CONTACT: { description: 'The user contacted support: the self-help attempt failed.' },
  },
});

/** Outcome of one item of a `recordHelpEvents` batch. */
export enum HelpEventStatus {
  RECORDED = 'RECORDED',
  DUPLICATE = 'DUPLICATE',
  ERROR = 'ERROR',
}
registerEnumType(HelpEventStatus, {
  name: 'HelpEventStatus',
  valuesConfig: {
    RECORDED: { description: 'Stored now.' },
    DUPLICATE: { description: 'Its clientEventId was already recorded: eventId is the original event.' },
    ERROR: { description: 'Not stored; see error.' },
  },
});
