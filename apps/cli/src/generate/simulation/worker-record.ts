// One social worker in the simulation: details as last sent, and the children whose cases they hold.
import type { WorkerRole } from '@csc/contracts';
import type { ChildRecord } from './child-record';
import { NO_DAY } from './simulation-calendar';

export class WorkerRecord {
  /** The children allocated to this worker now (a child knows its place here: workerSlot). */
  readonly children: ChildRecord[] = [];
  /** This worker's place in its area's pool of workers who can take new cases (-1 when not in it). */
  poolSlot = -1;
  leaveDay = NO_DAY;
  onNotice = false;

  constructor(
    readonly index: number,
    readonly id: string,
    /** The team's number in the county (its id is teamId). */
    readonly team: number,
    readonly teamId: string,
    readonly area: number,
    public role: WorkerRole,
    public fte: number,
    public agency: boolean,
    readonly joinDay: number,
  ) {}

  get holdsCases(): boolean {
    return this.role !== 'team-manager' && this.role !== 'practice-supervisor';
  }

  /** Cases this worker should hold, relative to an experienced full-time worker. */
  capacity(newlyQualifiedCapacity: number): number {
    return this.fte * (this.role === 'newly-qualified' ? newlyQualifiedCapacity : 1);
  }
}
