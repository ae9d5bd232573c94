

/**
 * The colour of each verification status where it is drawn (charts): the badges' hues, dark enough to stand
 * out 3:1 or more against white, as graphics must (WCAG 1.4.11). Charts never rely on them alone: every bar
 * is labelled and every chart has its table.
 */
export const STATUS_COLOURS: Record<string, string> = {
  unverified: '#7b8496',
  in_review: '#2566ad',
  accurate: '#1f7a3d',
  mostly_accurate: '#4f7d14',
  misleading: '#a86200',
  false: '#a4262c',
  unverifiable: '#6a4c94',
  not_a_claim: '#4b5361',
};
