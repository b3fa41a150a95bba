import { offlineWritersOf } from '../llm-node';
import { todaySummaryNode } from './today-summary';

/** Every LLM node of the app; the offline model answers exactly these. */
export const OFFLINE_WRITERS = offlineWritersOf([todaySummaryNode]);
