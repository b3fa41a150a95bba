import { offlineWritersOf } from '../llm-node';
import { copyRepairNode } from './copy-repair';
import { draftJudgeNode } from './draft-judge';
import { learningSummaryNode } from './learning-summary';
import { opportunityCandidatesNode } from './opportunity-candidates';
import { packageThesisNode } from './package-thesis';
import { strategyDraftNode } from './strategy-draft';
import { thesisRepairNode } from './thesis-repair';
import { todaySummaryNode } from './today-summary';
import { variantPlanNode } from './variant-plan';

/** Every LLM node of the app; the offline model answers exactly these. */
export const OFFLINE_WRITERS = offlineWritersOf([
  todaySummaryNode,
  packageThesisNode,
  variantPlanNode,
  copyRepairNode,
  learningSummaryNode,
  strategyDraftNode,
  opportunityCandidatesNode,
  thesisRepairNode,
  draftJudgeNode,
]);
