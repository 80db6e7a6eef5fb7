import { caseEventFactory } from '../testing/case-event-factory';
import { given } from '../testing/given-when-then';

const c = caseEventFactory('C-VISITS');

describe('statutory visits', () => {
  it('accepts a visit seen alone, and a visit where the child was not seen', () => {
    given()
      .when(c.visit('2025-02-01', 'V1', { seen: true, seenAlone: true }))
      .then('ok');
    given()
      .when(c.visit('2025-02-01', 'V1', { seen: false, seenAlone: false }))
      .then('ok');
  });

  it('refuses seen alone without seen (SEEN_ALONE_WITHOUT_SEEN on data.seenAlone)', () => {
    given()
      .when(c.visit('2025-02-01', 'V1', { seen: false, seenAlone: true }))
      .then('SEEN_ALONE_WITHOUT_SEEN', 'data.seenAlone');
  });

  it('refuses a visit id recorded twice (ID_ALREADY_USED on data.visitId)', () => {
    given(c.visit('2025-02-01', 'V1')).when(c.visit('2025-03-01', 'V1')).then('ID_ALREADY_USED', 'data.visitId');
  });
});

describe('missing episodes and return home interviews', () => {
  const went = c.missingStarted('2025-07-12T21:30:00+01:00', 'M1');
  const back = c.missingEnded('2025-07-13T08:05:00+01:00', 'M1');

  it('accepts a missing episode, its end and its return home interview', () => {
    given().when(went).then('ok');
    given(went).when(back).then('ok');
    given(went, back).when(c.returnInterview('2025-07-14T15:00:00+01:00', 'M1')).then('ok');
  });

  it('refuses a missing episode id recorded twice (ID_ALREADY_USED)', () => {
    given(went).when(c.missingStarted('2025-08-01T10:00:00Z', 'M1')).then('ID_ALREADY_USED', 'data.missingEpisodeId');
  });

  it('refuses an end for an episode never started (MISSING_EPISODE_NOT_FOUND)', () => {
    given().when(back).then('MISSING_EPISODE_NOT_FOUND', 'data.missingEpisodeId');
  });

  it('refuses an end before the start, on an earlier date or earlier the same day (DATE_OUT_OF_SEQUENCE)', () => {
    given(went).when(c.missingEnded('2025-07-11T08:00:00Z', 'M1')).then('DATE_OUT_OF_SEQUENCE', 'occurredAt');
    given(went).when(c.missingEnded('2025-07-12T19:00:00Z', 'M1')).then('DATE_OUT_OF_SEQUENCE', 'occurredAt');
  });

  it('refuses ending an episode twice (MISSING_EPISODE_ALREADY_ENDED)', () => {
    given(went, back).when(c.missingEnded('2025-07-13T09:00:00Z', 'M1')).then('MISSING_EPISODE_ALREADY_ENDED');
  });

  it('refuses a return home interview before the return is recorded (MISSING_EPISODE_NOT_ENDED)', () => {
    given(went).when(c.returnInterview('2025-07-14T15:00:00+01:00', 'M1')).then('MISSING_EPISODE_NOT_ENDED', 'data.missingEpisodeId');
  });

  it('refuses a return home interview dated before the return (DATE_OUT_OF_SEQUENCE)', () => {
    given(went, c.missingEnded('2025-07-15T08:00:00Z', 'M1')).when(c.returnInterview('2025-07-14T15:00:00Z', 'M1')).then('DATE_OUT_OF_SEQUENCE', 'occurredAt');
    given(went, back).when(c.returnInterview('2025-07-13T07:00:00Z', 'M1')).then('DATE_OUT_OF_SEQUENCE');
  });

  it('refuses a second return home interview (RETURN_INTERVIEW_ALREADY_RECORDED)', () => {
    given(went, back, c.returnInterview('2025-07-14T15:00:00Z', 'M1'))
      .when(c.returnInterview('2025-07-15T15:00:00Z', 'M1'))
      .then('RETURN_INTERVIEW_ALREADY_RECORDED');
  });

  it('refuses an interview for an unknown episode (MISSING_EPISODE_NOT_FOUND)', () => {
    given().when(c.returnInterview('2025-07-14T15:00:00Z', 'M9')).then('MISSING_EPISODE_NOT_FOUND');
  });
});
