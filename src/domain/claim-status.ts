/**
 * A claim's verification status is a label of the desk's rating scale (see rating-scale.ts and the
 * rating_label table), which admins define; only the workflow's open states are fixed here.
 */
export { INITIAL_STATUS, IN_REVIEW_STATUS, WORKFLOW_STATUSES } from './rating-scale.ts';
