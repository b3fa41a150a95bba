/**
 * The window the daily learning run (the cron) stores its learning over, in whole UTC days. An
 * admin's run over any other window is a preview that stores nothing (server/orchestrator/flows/
 * learning-update.ts), so the insights page says which one its button does.
 */
export const CRON_LEARNING_WINDOW_DAYS = 30;
