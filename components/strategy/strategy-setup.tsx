'use client';

import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useRouter } from 'next/navigation';
import { type FormEvent, useState } from 'react';
import { STRATEGY_UNSAVED_MESSAGE, useUnsavedGuard } from '@/components/app-shell/unsaved-guard';
import { rateLimitMessage } from '@/components/llm/rate-limited';
import { Field, FormError } from '@/components/ui/field';
import { useEarlyInput } from '@/components/ui/use-early-input';
import { zodFieldMessage } from '@/components/workspaces/field-error';
import { isOfflineModelLabel } from '@/lib/labels';
import { useTRPC } from '@/trpc/react';
import type { ProposedStrategyDraft } from '@/trpc/types';
import { DraftReview, Problems } from './draft-review';
import { draftInput, draftProblems, type EditableDraft, editableDraft, problemsByField, rowsIncomplete } from './draft-state';

type AnswerKey = 'oneLiner' | 'audience' | 'goals' | 'antiVoice' | 'taboos';

const QUESTIONS: { key: AnswerKey; label: string; hint: string }[] = [
  {
    key: 'oneLiner',
    label: 'What does the brand do, in one line?',
    hint: 'e.g. "Ledgerly helps finance teams close the month in three days."',
  },
  {
    key: 'audience',
    label: 'Who is it for?',
    hint: 'The people you write for, separated by commas: "controllers at mid-size companies, CFOs".',
  },
  {
    key: 'goals',
    label: 'What should its content achieve?',
    hint: 'A few goals, separated by commas or lines: "earn trust, explain the close, book demos".',
  },
  { key: 'antiVoice', label: 'How must it never sound?', hint: 'e.g. "salesy, full of jargon, smug".' },
  {
    key: 'taboos',
    label: 'Which topics must it never touch?',
    hint: 'Separated by commas or lines: "politics, guaranteed savings, competitors by name".',
  },
];

const MAX_EXAMPLES = 10;
const EMPTY_ANSWERS: Record<AnswerKey, string> = { oneLiner: '', audience: '', goals: '', antiVoice: '', taboos: '' };

interface Example {
  key: number;
  text: string;
  label: 'us' | 'not_us';
}

let exampleKey = 1;

/** F0 for a person: five questions and optional examples → a proposed strategy to review, edit and accept. */
export function StrategySetup({ brandId, brandName }: { brandId: string; brandName: string }) {
  const trpc = useTRPC();
  const router = useRouter();
  const queryClient = useQueryClient();
  const [answers, setAnswers] = useState(EMPTY_ANSWERS);
  // A brand's first page after it is created; answers typed while it loaded count.
  const form = useEarlyInput();
  const [examples, setExamples] = useState<Example[]>([]);
  const [proposed, setProposed] = useState<ProposedStrategyDraft | null>(null);
  const [draft, setDraft] = useState<EditableDraft | null>(null);
  const propose = useMutation(
    trpc.strategy.proposeDraft.mutationOptions({
      onSuccess: (result) => {
        setProposed(result);
        setDraft(editableDraft(result));
      },
    }),
  );
  const accept = useMutation(
    trpc.strategy.acceptDraft.mutationOptions({
      onSuccess: async () => {
        await queryClient.invalidateQueries({ queryKey: trpc.strategy.pathKey() });
        await queryClient.invalidateQueries({ queryKey: trpc.brands.strategy.queryKey({ brandId }) });
        router.push(`/brands/${brandId}/today`);
      },
    }),
  );
  const started = Object.values(answers).some((a) => a.trim()) || examples.length > 0;
  useUnsavedGuard(started && !accept.isSuccess, STRATEGY_UNSAVED_MESSAGE);

  const submit = (event: FormEvent) => {
    event.preventDefault();
    // A new proposal replaces the draft under review, edits included.
    if (draft && !window.confirm('Propose again? The draft below, with your edits, is replaced by the new one.')) return;
    propose.mutate({ brandId, answers, examples: examples.filter((e) => e.text.trim()).map(({ text, label }) => ({ text, label })) });
  };
  const problems = draft ? problemsByField(draftProblems(draft)) : {};
  const hasProblems = Object.keys(problems).length > 0 || (draft !== null && rowsIncomplete(draft));
  const proposeError = propose.error ? (rateLimitMessage(propose.error) ?? propose.error.message) : null;

  return (
    <div className="strategy-setup stack">
      <form ref={form} className="panel stack" onSubmit={submit} noValidate aria-labelledby="strategy-questions">
        <h2 id="strategy-questions">Five questions about {brandName}</h2>
        <p className="muted small">Short answers in your own words are enough. Nothing is saved until you accept the proposed strategy.</p>
        {QUESTIONS.map((question) => {
          return (
            <Field
              key={question.key}
              label={question.label}
              hint={question.hint}
              error={zodFieldMessage(propose.error, `answers.${question.key}`)}
            >
              {(control) => (
                <textarea
                  {...control}
                  rows={2}
                  maxLength={500}
                  required
                  value={answers[question.key]}
                  disabled={propose.isPending}
                  onChange={(e) => setAnswers({ ...answers, [question.key]: e.target.value })}
                />
              )}
            </Field>
          );
        })}
        <fieldset className="strategy-rows">
          <legend>
            Example posts <span className="muted small">(optional, up to {MAX_EXAMPLES})</span>
          </legend>
          {examples.map((example, index) => {
            const error = zodFieldMessage(propose.error, `examples.${index}.text`);
            return (
              <div key={example.key} className="strategy-row" role="group" aria-label={`Example ${index + 1}`}>
                <label className="field strategy-row__wide">
                  <span>Example {index + 1}</span>
                  <textarea
                    rows={3}
                    maxLength={2000}
                    value={example.text}
                    disabled={propose.isPending}
                    onChange={(e) => setExamples(examples.map((x) => (x.key === example.key ? { ...x, text: e.target.value } : x)))}
                  />
                  <Problems messages={error ? [error] : undefined} />
                </label>
                <label className="field">
                  <span>This post…</span>
                  <select
                    value={example.label}
                    disabled={propose.isPending}
                    onChange={(e) =>
                      setExamples(examples.map((x) => (x.key === example.key ? { ...x, label: e.target.value as Example['label'] } : x)))
                    }
                  >
                    <option value="us">This is us</option>
                    <option value="not_us">This is not us</option>
                  </select>
                </label>
                <div className="strategy-row__actions">
                  <button
                    type="button"
                    className="button button--quiet"
                    disabled={propose.isPending}
                    onClick={() => setExamples(examples.filter((x) => x.key !== example.key))}
                    aria-label={`Remove example ${index + 1}`}
                  >
                    Remove
                  </button>
                </div>
              </div>
            );
          })}
          <button
            type="button"
            className="button button--quiet"
            disabled={propose.isPending || examples.length >= MAX_EXAMPLES}
            onClick={() => setExamples([...examples, { key: exampleKey++, text: '', label: 'us' }])}
          >
            Add an example post
          </button>
        </fieldset>
        <FormError message={proposeError} />
        <div className="brand-form__actions">
          <button type="submit" className="button" disabled={propose.isPending}>
            {propose.isPending ? 'Proposing…' : draft ? 'Propose again' : 'Propose a strategy'}
          </button>
          {propose.isPending && (
            <span className="strategy-progress muted small" role="status">
              <progress aria-label="Proposing a strategy" /> Reading your answers and drafting pillars, personas and tone…
            </span>
          )}
        </div>
      </form>

      {draft && proposed && (
        <section className="panel stack" aria-labelledby="strategy-review">
          <h2 id="strategy-review">Review the proposed strategy</h2>
          {isOfflineModelLabel(proposed.model) || proposed.offline ? (
            <p className="notice small">
              <span className="badge badge--offline">Offline model</span> This draft was written by Kairo’s offline model straight from your
              answers (no AI model is configured). Read every line and edit it before accepting.
            </p>
          ) : (
            <p className="muted small">Drafted by {proposed.model}. Edit anything before accepting.</p>
          )}
          <DraftReview draft={draft} onChange={setDraft} problems={problems} disabled={accept.isPending} />
          <FormError message={accept.error?.message} />
          <div className="brand-form__actions">
            <button
              type="button"
              className="button"
              disabled={accept.isPending || accept.isSuccess || hasProblems}
              onClick={() => accept.mutate({ brandId, draft: draftInput(draft) })}
            >
              {accept.isPending || accept.isSuccess ? 'Saving the strategy…' : 'Accept strategy'}
            </button>
            {hasProblems && <span className="muted small">Fix the points marked above to accept.</span>}
          </div>
        </section>
      )}
    </div>
  );
}
