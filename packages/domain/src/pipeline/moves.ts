import { isListedStage, mainPath, pipelineStageNames, stageRank, type PipelineStage } from './stages.ts';

/**
 * next     — the following stage on the path (or the committee's rejection)
 * skip     — forward past one or more stages (reason required)
 * back     — to an earlier stage, a correction (reason required)
 * restart  — a rejected product applied for again (reason required)
 */
export type StageMoveKind = 'next' | 'skip' | 'back' | 'restart';

export type StageMoveVerdict =
  | {
      ok: true;
      kind: StageMoveKind;
      /** Stages passed over by a skip */
      skipped: PipelineStage[];
      /** How the hospital's listing changes: true listed, false unlisted, null unchanged */
      listing: boolean | null;
    }
  | { ok: false; messageKey: string; params: Record<string, string> };

const refuse = (
  messageKey: string,
  from: PipelineStage,
  to: PipelineStage,
  extra: Record<string, string> = {},
) =>
  ({
    ok: false,
    messageKey,
    params: { from: pipelineStageNames[from], to: pipelineStageNames[to], ...extra },
  }) as const;

/** Whether moving changes the listing status (segmentation reads it): entering or leaving the listed stages. */
export function listingChange(from: PipelineStage, to: PipelineStage): boolean | null {
  const was = isListedStage(from);
  const is = isListedStage(to);
  return was === is ? null : is;
}

/**
 * Checks a stage move. Forward to the next stage needs nothing; skipping, going back and restarting after a
 * rejection need a reason. A rejection comes from the committee or earlier (earlier is a skip), or corrects a
 * recorded listing (a move back); once bought (首次采购, 稳定使用) the product is not rejected any more. From
 * 未通过 the only way on is a new application.
 */
export function checkStageMove(
  from: PipelineStage,
  to: PipelineStage,
  reason?: string | null,
): StageMoveVerdict {
  const hasReason = (reason ?? '').trim().length > 0;
  if (from === to) return refuse('pipeline.move.same', from, to);
  const listing = listingChange(from, to);
  const needReason = (kind: StageMoveKind, skipped: PipelineStage[] = []): StageMoveVerdict => {
    if (hasReason) return { ok: true, kind, skipped, listing };
    if (kind === 'skip')
      return refuse('pipeline.move.skipNeedsReason', from, to, {
        skipped: skipped.map((s) => pipelineStageNames[s]).join('、'),
      });
    return refuse(`pipeline.move.${kind}NeedsReason`, from, to);
  };

  if (from === 'rejected') {
    if (to === 'applied') return needReason('restart');
    return refuse('pipeline.move.fromRejected', from, to);
  }
  if (to === 'rejected') {
    if (from === 'committee') return { ok: true, kind: 'next', skipped: [], listing };
    if (from === 'listed') return needReason('back');
    if (isListedStage(from)) return refuse('pipeline.move.rejectAfterPurchase', from, to);
    // from an earlier stage: the committee (and what lies between) is skipped
    const skipped = mainPath.slice(stageRank(from) + 1, stageRank('committee') + 1);
    return needReason('skip', skipped);
  }
  const fromRank = stageRank(from);
  const toRank = stageRank(to);
  if (toRank === fromRank + 1) return { ok: true, kind: 'next', skipped: [], listing };
  if (toRank > fromRank) return needReason('skip', mainPath.slice(fromRank + 1, toRank));
  return needReason('back');
}

/** The stage a card normally moves to next (null at the end of the path or after a rejection). */
export function nextStageOf(stage: PipelineStage): PipelineStage | null {
  if (stage === 'rejected') return null;
  return mainPath[stageRank(stage) + 1] ?? null;
}
