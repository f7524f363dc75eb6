/**
 * The polls of one meeting, and the answers given in its held instances. Zoom has no API to answer a poll,
 * so the simulator fills results in when an instance with participants ends: each participant with an
 * email answers each question with the answer at (participant position mod answer count), a fixed,
 * documented pattern a test can predict.
 */
import { randomBytes } from "node:crypto";
import { zoomTime } from "../time.js";

export interface PollQuestion {
  name: string;
  type: string;
  answers?: string[];
  [field: string]: unknown;
}

export interface PollInput {
  title?: string;
  anonymous?: boolean;
  poll_type?: 1 | 2 | 3;
  questions: PollQuestion[];
}

export interface PollRecord extends PollInput {
  id: string;
  status: "notstart" | "started" | "ended" | "sharing";
}

/** One participant's answers in one held instance. */
export interface PollResult {
  name: string;
  email: string;
  question_details: { question: string; answer: string; polling_id: string; date_time: string }[];
}

export class PollBook {
  private readonly polls: PollRecord[] = [];

  create(input: PollInput): PollRecord {
    const poll: PollRecord = { ...input, id: randomBytes(12).toString("base64url"), status: "notstart" };
    this.polls.push(poll);
    return poll;
  }

  list(): PollRecord[] {
    return [...this.polls];
  }

  get(id: string): PollRecord | undefined {
    return this.polls.find((p) => p.id === id);
  }

  replace(poll: PollRecord, input: PollInput): void {
    for (const key of Object.keys(poll))
      if (key !== "id" && key !== "status") delete poll[key as keyof PollInput];
    Object.assign(poll, input);
  }

  remove(id: string): boolean {
    const index = this.polls.findIndex((p) => p.id === id);
    if (index >= 0) this.polls.splice(index, 1);
    return index >= 0;
  }

  /** The answers of an instance that ends now; its polls count as ended. */
  results(participants: { name: string; user_email: string }[], end: number): PollResult[] {
    if (this.polls.length === 0) return [];
    for (const poll of this.polls) poll.status = "ended";
    return participants
      .map((participant, position) => ({ participant, position }))
      .filter(({ participant }) => participant.user_email !== "")
      .map(({ participant, position }) => ({
        name: participant.name,
        email: participant.user_email,
        question_details: this.polls.flatMap((poll) =>
          poll.questions.map((q) => ({
            question: q.name,
            answer: q.answers && q.answers.length > 0 ? q.answers[position % q.answers.length]! : "",
            polling_id: poll.id,
            date_time: zoomTime(end),
          })),
        ),
      }));
  }
}

export function pollBody(poll: PollRecord): Record<string, unknown> {
  return { ...poll };
}
