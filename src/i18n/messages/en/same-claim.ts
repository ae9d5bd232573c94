/**
 * Claim clusters on the desk: the claim page's "The same claim elsewhere" section, its suggestions and
 * verdict reuse, their lines in a claim's history and in the Activity log, and the dashboard's filter.
 * Texts printed unescaped around markup (their placeholders carry escaped HTML) hold no `<` or `&` of their own.
 */
export const sameClaim = {
  'sameClaim.title': 'The same claim elsewhere',
  'sameClaim.none': 'No other article carries this claim so far.',
  'sameClaim.intro': {
    one: 'Also seen in {count} other article. Earliest first.',
    other: 'Also seen in {count} other articles. Earliest first.',
  },
  'sameClaim.more': { one: 'And {count} more appearance.', other: 'And {count} more appearances.' },
  'sameClaim.thisClaim': 'This claim',
  'sameClaim.unknownOutlet': 'outlet unknown',
  'sameClaim.published': 'published {date}',
  'sameClaim.ingested': 'added {date}',
  'sameClaim.alsoAttributedTo': 'also attributed to {name}',

  'sameClaim.reuse.button': 'Apply this verdict: {status}',
  'sameClaim.reuse.done': 'The verdict was applied to this claim, as a decision of its own.',
  'sameClaim.reuse.already': 'This claim already has the verdict {status}.',
  'sameClaim.reuse.notFinal': 'Only a final verdict of another appearance can be applied.',
  'sameClaim.reuse.sameClaim': 'Choose another appearance than this claim.',
  'sameClaim.reuse.left': 'That appearance is no longer in this claim’s cluster. Nothing was changed.',
  'sameClaim.reuse.sourceChanged': 'The other appearance’s verdict changed meanwhile: it is now {status}. Nothing was changed.',

  'sameClaim.suggestions.title': 'Possibly the same claim',
  'sameClaim.suggestions.intro': 'Close matches the index was not sure of. Confirm to list them with this claim, or reject.',
  'sameClaim.suggestions.similarity': '{percent}% similar',
  'sameClaim.suggestions.confirm': 'Confirm: same claim',
  'sameClaim.suggestions.reject': 'Reject: a different claim',
  'sameClaim.suggestions.confirmed': 'Confirmed: the two claims are now listed together.',
  'sameClaim.suggestions.rejected': 'Rejected: the match will not be suggested again.',
  'sameClaim.suggestions.alreadyConfirmed': 'Someone confirmed this match meanwhile.',
  'sameClaim.suggestions.alreadyRejected': 'Someone rejected this match meanwhile.',
  'sameClaim.suggestions.changed': 'This match was decided meanwhile.',
  'sameClaim.suggestions.gone': 'This match is no longer suggested.',
  'sameClaim.suggestions.unknownDecision': 'Confirm or reject the match.',

  'sameClaim.event.confirmed': '{actor} confirmed that {claim} is the same claim',
  'sameClaim.event.rejected': '{actor} rejected {claim} as a different claim',
  'sameClaim.event.reused': '{actor} applied the verdict {status} from {claim}',
  'sameClaim.event.otherClaim': 'the same claim in another article',
  'sameClaim.event.deletedClaim': 'a claim since deleted',

  'activity.action.cluster.confirm': 'Same claim confirmed',
  'activity.action.cluster.reject': 'Match rejected',
  'activity.action.claim.reuse_verdict': 'Verdict reused',

  'sameClaim.filter.label': 'Elsewhere',
  'sameClaim.filter.any': 'Any',
  'sameClaim.filter.checked': 'Already checked elsewhere',
  'sameClaim.filter.new': 'New (nowhere else)',
};
