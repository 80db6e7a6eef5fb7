# Writes the SSD fixture: the column sets come from the data model itself, the rows are written below by hand.
# Run from this folder: python3 make-fixture.py (needs PyYAML). The CSVs it writes are committed.
import csv, json, yaml, glob, os
cols = {}
HERE = os.path.dirname(os.path.abspath(__file__))
for f in glob.glob(os.path.join(HERE, '../../../../../shared/data/ssd-data-model/data/objects/ssd_*.yml')):
    n = yaml.safe_load(open(f))['nodes'][0]
    cols[n['name']] = [x['name'] for x in n['fields']]
cols['ssd_legal_status'] = ['lega_legal_status_id','lega_person_id','lega_legal_status','lega_legal_status_start_date','lega_legal_status_end_date']
T = {k: [] for k in ['ssd_person','ssd_contacts','ssd_cin_episodes','ssd_cin_assessments','ssd_cin_plans','ssd_cin_visits','ssd_s47_enquiry','ssd_initial_cp_conference','ssd_cp_plans','ssd_cp_reviews','ssd_cp_visits','ssd_cla_episodes','ssd_cla_placement','ssd_cla_reviews','ssd_cla_visits','ssd_legal_status','ssd_involvements','ssd_professionals','ssd_department']}
def add(t, **kw):
    T[t].append(kw)
def J(**flags): return json.dumps(flags)
REF_OUT = ['SINGLE_ASSESSMENT_FLAG','NFA_FLAG','STRATEGY_DISCUSSION_FLAG','CLA_REQUEST_FLAG','NON_AGENCY_ADOPTION_FLAG','PRIVATE_FOSTERING_FLAG','CP_TRANSFER_IN_FLAG','CP_CONFERENCE_FLAG','CARE_LEAVER_FLAG','OTHER_OUTCOMES_EXIST_FLAG']
def refout(*yes): return json.dumps({k: ('Y' if k in yes else 'N') for k in REF_OUT})
CON_OUT = ['NEW_REFERRAL_FLAG','EXISTING_REFERRAL_FLAG','CP_ENQUIRY_FLAG','NFA_FLAG','NON_AGENCY_ADOPTION_FLAG','PRIVATE_FOSTERING_FLAG','ADVICE_FLAG','MISSING_FLAG','OLA_CP_FLAG','OTHER_OUTCOMES_EXIST_FLAG']
def conout(*yes): return json.dumps({k: ('Y' if k in yes else 'N') for k in CON_OUT})
S47_OUT = ['NFA_FLAG','LEGAL_ACTION_FLAG','PROV_OF_SERVICES_FLAG','PROV_OF_SB_CARE_FLAG','CP_CONFERENCE_FLAG','NFA_CONTINUE_SINGLE_FLAG','MONITOR_FLAG','OTHER_OUTCOMES_EXIST_FLAG']
def s47out(*yes): d = {k: ('Y' if k in yes else 'N') for k in S47_OUT}; d['TOTAL_NO_OF_OUTCOMES'] = len(yes); d['OUTCOME_COMMENTS'] = ''; return json.dumps(d)
# Teams and workers
for tid, name in [('T10','Front Door (MASH)'),('T20','Assessment Team North'),('T30','Child Protection Team'),('T40','Children in Care Team')]:
    add('ssd_department', dept_team_id=tid, dept_team_name=name, dept_team_parent_id='T00', dept_team_parent_name="Children's Social Care")
add('ssd_department', dept_team_id='T00', dept_team_name="Children's Social Care", dept_team_parent_id='', dept_team_parent_name='')
for pid, name, title, dept, fte, agency in [('W01','A. Okafor','Social Worker','Assessment Team North','1','N'),('W02','B. Singh','Senior Practitioner','Child Protection Team','1','N'),('W03','C. Murphy','Social Worker','Child Protection Team','0.8','Y'),('W04','D. Kowalski','Social Worker','Children in Care Team','1','N'),('W05','E. Hughes','Social Worker','Children in Care Team','0.6','N'),('IRO1','F. Adeyemi','Independent Reviewing Officer','Children in Care Team','1','N')]:
    add('ssd_professionals', prof_professional_id=pid, prof_staff_id='S'+pid, prof_professional_name=name, prof_social_worker_registration_no='SW'+pid[-2:]+'1234', prof_professional_job_title=title, prof_professional_caseload='16', prof_professional_department=dept, prof_full_time_equivalency=fte, prof_agency_worker_flag=agency)
people = [('CH0001','M','WBRI','2016-04-15'),('CH0002','F','ABAN','2012-09-03'),('CH0003','F','WBRI','2019-01-22'),('CH0004','M','MWBC','2014-06-30'),('CH0005','M','BAFR','2011-11-11'),('CH0006','F','WOTH','2008-02-14'),('CH0007','M','WBRI','2020-07-07'),('CH0008','F','APKN','2017-03-15'),('CH0009','M','WIRT','2015-05-05'),('CH0010','F','WBRI','2013-12-01'),('CH0011','M','OOTH','2009-08-20'),('CH0012','F','CNHE','2018-10-10')]
for pid, sex, eth, dob in people:
    add('ssd_person', pers_person_id=pid, pers_forename='Child', pers_surname=pid, pers_sex=sex, pers_gender={'M':'01','F':'02'}[sex], pers_ethnicity=eth, pers_dob=dob+' 00:00:00.000', pers_common_child_id='', pers_legacy_id='L'+pid, pers_upn_unknown='', pers_send_flag='N', pers_expected_dob='', pers_death_date='', pers_is_mother='N', pers_nationality='')
n = {'inv': 0}
def invo(person, worker, role, team, start, end='', reason='', ref=''):
    n['inv'] += 1
    add('ssd_involvements', invo_involvements_id=f'INV{n["inv"]:03d}', invo_professional_id=worker, invo_professional_role_id=role, invo_professional_team=team, invo_involvement_start_date=start, invo_involvement_end_date=end, invo_worker_change_reason=reason, invo_person_id=person, invo_referral_id=ref)
def contact(cid, person, date, source, out):
    add('ssd_contacts', cont_contact_id=cid, cont_person_id=person, cont_contact_date=date, cont_contact_source_code=source, cont_contact_source_desc='', cont_contact_outcome_json=out)
def referral(rid, person, date, need, source, out, nfa='N', close_reason='', close_date='', team='T10', worker=''):
    add('ssd_cin_episodes', cine_referral_id=rid, cine_person_id=person, cine_referral_date=date, cine_cin_primary_need_code=need, cine_referral_source_code=source, cine_referral_source_desc='', cine_referral_outcome_json=out, cine_referral_nfa=nfa, cine_close_reason=close_reason, cine_close_date=close_date, cine_referral_team=team, cine_referral_worker_id=worker)
def assessment(aid, person, rid, start, auth='', nfa='N', team='T20', worker='W01'):
    add('ssd_cin_assessments', cina_assessment_id=aid, cina_person_id=person, cina_referral_id=rid, cina_assessment_start_date=start, cina_assessment_child_seen='Y', cina_assessment_auth_date=auth, cina_assessment_outcome_json=json.dumps({'NFA_FLAG': nfa, 'PROV_OF_SERVICES_FLAG': 'N' if nfa=='Y' else 'Y'}), cina_assessment_outcome_nfa=nfa, cina_assessment_team=team, cina_assessment_worker_id=worker)
def visit(t, prefix, vid, person, date, seen='Y', alone='N', plan=''):
    if t == 'ssd_cp_visits': add(t, cppv_cp_visit_id=vid, cppv_person_id=person, cppv_cp_plan_id=plan, cppv_cp_visit_date=date, cppv_cp_visit_seen=seen, cppv_cp_visit_seen_alone=alone, cppv_cp_visit_bedroom='Y')
    if t == 'ssd_cla_visits': add(t, clav_cla_visit_id=vid, clav_cla_id=plan, clav_person_id=person, clav_cla_visit_date=date, clav_cla_visit_seen=seen, clav_cla_visit_seen_alone=alone)
    if t == 'ssd_cin_visits': add(t, cinv_cin_visit_id=vid, cinv_person_id=person, cinv_cin_visit_date=date, cinv_cin_visit_seen=seen, cinv_cin_visit_seen_alone=alone, cinv_cin_visit_bedroom='N')

# CH0001: contact -> referral -> assessment (child in need) -> CIN plan with visits; allocated at assessment.
contact('C0001','CH0001','2024-01-08','3A',conout('NEW_REFERRAL_FLAG'))
referral('R0001','CH0001','2024-01-10','N1','3A',refout('SINGLE_ASSESSMENT_FLAG'))
assessment('A0001','CH0001','R0001','2024-01-11','2024-02-05')
add('ssd_cin_plans', cinp_cin_plan_id='CINP01', cinp_referral_id='R0001', cinp_person_id='CH0001', cinp_cin_plan_start_date='2024-02-12', cinp_cin_plan_end_date='', cinp_cin_plan_team='T20', cinp_cin_plan_worker_id='W01')
for i, d in enumerate(['2024-02-26','2024-03-25','2024-04-22']): visit('ssd_cin_visits','',f'CINV0{i+1}','CH0001',d, alone='Y' if i==1 else 'N')
invo('CH0001','W01','Allocated Social Worker','T20','2024-01-11', ref='R0001')

# CH0002: contact, referral with no further action, closed the same day.
contact('C0002','CH0002','2024-01-15','1B',conout('NEW_REFERRAL_FLAG'))
referral('R0002','CH0002','2024-01-16','N8','1B',refout('NFA_FLAG'), nfa='Y', close_reason='RC7', close_date='2024-01-16')

# CH0003: strategy discussion -> s47 -> ICPC -> CP plan (neglect) with reviews and visits; worker changes when the first leaves.
contact('C0003','CH0003','2024-01-31','5A',conout('CP_ENQUIRY_FLAG'))
referral('R0003','CH0003','2024-02-01','N1','5A',refout('STRATEGY_DISCUSSION_FLAG'))
add('ssd_s47_enquiry', s47e_s47_enquiry_id='S0003', s47e_referral_id='R0003', s47e_person_id='CH0003', s47e_s47_start_date='2024-02-02', s47e_s47_end_date='2024-02-14', s47e_s47_nfa='N', s47e_s47_outcome_json=s47out('CP_CONFERENCE_FLAG'), s47e_s47_completed_by_worker_id='W02', s47e_s47_completed_by_team='T30')
add('ssd_initial_cp_conference', icpc_icpc_id='ICPC03', icpc_icpc_meeting_id='M0003', icpc_s47_enquiry_id='S0003', icpc_person_id='CH0003', icpc_cp_plan_id='CPP03', icpc_referral_id='R0003', icpc_icpc_transfer_in='N', icpc_icpc_target_date='2024-03-01', icpc_icpc_date='2024-02-27', icpc_icpc_outcome_cp_flag='Y', icpc_icpc_outcome_json=json.dumps({'NFA_FLAG':'N','CP_FLAG':'Y'}), icpc_icpc_team='T30', icpc_icpc_worker_id='W02')
add('ssd_cp_plans', cppl_cp_plan_id='CPP03', cppl_referral_id='R0003', cppl_icpc_id='ICPC03', cppl_person_id='CH0003', cppl_cp_plan_start_date='2024-02-27', cppl_cp_plan_end_date='', cppl_cp_plan_initial_category='Neglect', cppl_cp_plan_ola='N', cppl_cp_plan_latest_category='Neglect')
for rid, due, held in [('CPR031','2024-05-28','2024-05-21'),('CPR032','2024-11-21','2024-11-14'),('CPR033','2025-05-14','')]:
    add('ssd_cp_reviews', cppr_cp_review_id=rid, cppr_person_id='CH0003', cppr_cp_plan_id='CPP03', cppr_cp_review_due=due, cppr_cp_review_date=held, cppr_cp_review_meeting_id='M'+rid, cppr_cp_review_outcome_continue_cp='Y' if held else '', cppr_cp_review_quorate='Y' if held else '', cppr_cp_review_participation='PN0' if held else '')
for i, d in enumerate(['2024-03-05','2024-03-14','2024-03-26','2024-04-04','2024-04-15 14:30:00.000']): visit('ssd_cp_visits','',f'CPV03{i+1}','CH0003',d, seen='N' if i==2 else 'Y', plan='CPP03')
invo('CH0003','W02','Allocated Social Worker','T30','2024-02-02','2024-07-01', ref='R0003')
invo('CH0003','W03','Allocated Social Worker','T30','2024-07-01', reason='LEFTRL', ref='R0003')

# CH0004: s47 -> ICPC that made no plan; assessment; closed after assessment.
referral('R0004','CH0004','2024-03-04','N1','2A',refout('STRATEGY_DISCUSSION_FLAG'))
add('ssd_s47_enquiry', s47e_s47_enquiry_id='S0004', s47e_referral_id='R0004', s47e_person_id='CH0004', s47e_s47_start_date='2024-03-05', s47e_s47_end_date='2024-03-18', s47e_s47_nfa='N', s47e_s47_outcome_json=s47out('CP_CONFERENCE_FLAG'), s47e_s47_completed_by_worker_id='W02', s47e_s47_completed_by_team='T30')
add('ssd_initial_cp_conference', icpc_icpc_id='ICPC04', icpc_icpc_meeting_id='M0004', icpc_s47_enquiry_id='S0004', icpc_person_id='CH0004', icpc_cp_plan_id='', icpc_referral_id='R0004', icpc_icpc_transfer_in='N', icpc_icpc_target_date='2024-04-01', icpc_icpc_date='2024-03-28', icpc_icpc_outcome_cp_flag='N', icpc_icpc_outcome_json=json.dumps({'NFA_FLAG':'Y','CP_FLAG':'N'}), icpc_icpc_team='T30', icpc_icpc_worker_id='W02')
assessment('A0004','CH0004','R0004','2024-03-05','2024-04-19', nfa='Y')
# Closed after the assessment found no need (RC8).
T['ssd_cin_episodes'][-1]['cine_close_reason'] = 'RC8'; T['ssd_cin_episodes'][-1]['cine_close_date'] = '2024-04-30'
invo('CH0004','W02','Allocated Social Worker','T30','2024-03-05','2024-04-30', ref='R0004')

# CH0005: looked after: started under an interim care order, moved to a long-term foster placement, then a full care order; IRO involved.
referral('R0005','CH0005','2023-09-01','N1','5A',refout('SINGLE_ASSESSMENT_FLAG','CLA_REQUEST_FLAG'))
assessment('A0005','CH0005','R0005','2023-09-04','2023-09-29', team='T20', worker='W01')
add('ssd_legal_status', lega_legal_status_id='LS051', lega_person_id='CH0005', lega_legal_status='C1', lega_legal_status_start_date='2023-10-02', lega_legal_status_end_date='2024-06-20')
add('ssd_legal_status', lega_legal_status_id='LS052', lega_person_id='CH0005', lega_legal_status='C2', lega_legal_status_start_date='2024-06-20', lega_legal_status_end_date='')
for eid, start, rne, ceased, rec, pl in [('E051','2023-10-02','S','2024-03-11','X1','P051'),('E052','2024-03-11','P','2024-06-20','X1','P052'),('E053','2024-06-20','L','','','P052')]:
    add('ssd_cla_episodes', clae_cla_episode_id=eid, clae_person_id='CH0005', clae_cla_episode_start_date=start, clae_cla_episode_start_reason=rne, clae_cla_primary_need_code='N1', clae_cla_episode_ceased_date=ceased, clae_cla_episode_ceased_reason=rec, clae_cla_id='CLA05', clae_referral_id='R0005', clae_cla_placement_id=pl, clae_entered_care_date='2023-10-02', clae_cla_last_iro_contact_date='2024-09-10')
add('ssd_cla_placement', clap_cla_placement_id='P051', clap_cla_placement_start_date='2023-10-02', clap_cla_placement_type='U6', clap_cla_placement_urn='SC123456', clap_cla_placement_distance='4.2', clap_cla_id='CLA05', clap_cla_placement_provider='PR1', clap_cla_placement_postcode='AB1 2CD', clap_cla_placement_end_date='2024-03-11', clap_cla_placement_change_reason='CARPL', clap_person_id='CH0005')
add('ssd_cla_placement', clap_cla_placement_id='P052', clap_cla_placement_start_date='2024-03-11', clap_cla_placement_type='U4', clap_cla_placement_urn='SC654321', clap_cla_placement_distance='7.9', clap_cla_id='CLA05', clap_cla_placement_provider='PR4', clap_cla_placement_postcode='AB3 4EF', clap_cla_placement_end_date='', clap_cla_placement_change_reason='', clap_person_id='CH0005')
for rid, due, held in [('CLR051','2023-10-30','2023-10-27'),('CLR052','2024-01-25','2024-01-24'),('CLR053','2024-07-24','2024-07-19')]:
    add('ssd_cla_reviews', clar_cla_review_id=rid, clar_cla_id='CLA05', clar_cla_review_due_date=due, clar_cla_review_date=held, clar_cla_review_cancelled='N', clar_cla_review_participation='PN1')
for i, d in enumerate(['2023-10-06','2023-11-30','2024-03-15','2024-05-10','2024-08-30']): visit('ssd_cla_visits','',f'CLV05{i+1}','CH0005',d, alone='Y' if i>2 else 'N', plan='CLA05')
invo('CH0005','W04','Allocated Social Worker','T40','2023-09-04', ref='R0005')
invo('CH0005','IRO1','Independent Reviewing Officer','T40','2023-10-02', ref='R0005')

# CH0006: looked after under section 20 in a children's home, returned home, then the case closed.
referral('R0006','CH0006','2023-05-01','N4','1A',refout('SINGLE_ASSESSMENT_FLAG','CLA_REQUEST_FLAG'), close_reason='RC7', close_date='2024-02-01')
assessment('A0006','CH0006','R0006','2023-05-02','2023-05-30', worker='W04', team='T40')
add('ssd_legal_status', lega_legal_status_id='LS061', lega_person_id='CH0006', lega_legal_status='V2', lega_legal_status_start_date='2023-05-10', lega_legal_status_end_date='2024-01-15')
add('ssd_cla_episodes', clae_cla_episode_id='E061', clae_person_id='CH0006', clae_cla_episode_start_date='2023-05-10', clae_cla_episode_start_reason='S', clae_cla_primary_need_code='N4', clae_cla_episode_ceased_date='2024-01-15', clae_cla_episode_ceased_reason='E4A', clae_cla_id='CLA06', clae_referral_id='R0006', clae_cla_placement_id='P061', clae_entered_care_date='2023-05-10', clae_cla_last_iro_contact_date='')
add('ssd_cla_placement', clap_cla_placement_id='P061', clap_cla_placement_start_date='2023-05-10', clap_cla_placement_type='K2', clap_cla_placement_urn='SC777777', clap_cla_placement_distance='12.5', clap_cla_id='CLA06', clap_cla_placement_provider='PR3', clap_cla_placement_postcode='ZZ9 9ZZ', clap_cla_placement_end_date='2024-01-15', clap_cla_placement_change_reason='', clap_person_id='CH0006')
for i, d in enumerate(['2023-05-15','2023-06-20','2023-09-14','2023-12-07']): visit('ssd_cla_visits','',f'CLV06{i+1}','CH0006',d, plan='CLA06')
invo('CH0006','W04','Allocated Social Worker','T40','2023-05-02','2024-02-01', ref='R0006')

# CH0007: CP plan under multiple categories that ended, then the case closed.
referral('R0007','CH0007','2024-01-03','N1','8',refout('STRATEGY_DISCUSSION_FLAG'), close_reason='RC7', close_date='2024-10-15')
add('ssd_s47_enquiry', s47e_s47_enquiry_id='S0007', s47e_referral_id='R0007', s47e_person_id='CH0007', s47e_s47_start_date='2024-01-04', s47e_s47_end_date='2024-01-12', s47e_s47_nfa='N', s47e_s47_outcome_json=s47out('CP_CONFERENCE_FLAG'), s47e_s47_completed_by_worker_id='W02', s47e_s47_completed_by_team='T30')
add('ssd_initial_cp_conference', icpc_icpc_id='ICPC07', icpc_icpc_meeting_id='M0007', icpc_s47_enquiry_id='S0007', icpc_person_id='CH0007', icpc_cp_plan_id='CPP07', icpc_referral_id='R0007', icpc_icpc_transfer_in='N', icpc_icpc_target_date='2024-02-01', icpc_icpc_date='2024-01-25', icpc_icpc_outcome_cp_flag='Y', icpc_icpc_outcome_json='', icpc_icpc_team='T30', icpc_icpc_worker_id='W02')
add('ssd_cp_plans', cppl_cp_plan_id='CPP07', cppl_referral_id='R0007', cppl_icpc_id='ICPC07', cppl_person_id='CH0007', cppl_cp_plan_start_date='2024-01-25', cppl_cp_plan_end_date='2024-09-30', cppl_cp_plan_initial_category='Multiple: Neglect, Emotional abuse', cppl_cp_plan_ola='N', cppl_cp_plan_latest_category='Emotional abuse')
add('ssd_cp_reviews', cppr_cp_review_id='CPR071', cppr_person_id='CH0007', cppr_cp_plan_id='CPP07', cppr_cp_review_due='2024-04-25', cppr_cp_review_date='2024-04-18', cppr_cp_review_meeting_id='MR071', cppr_cp_review_outcome_continue_cp='Y', cppr_cp_review_quorate='Y', cppr_cp_review_participation='PN0')
add('ssd_cp_reviews', cppr_cp_review_id='CPR072', cppr_person_id='CH0007', cppr_cp_plan_id='CPP07', cppr_cp_review_due='2024-10-18', cppr_cp_review_date='2024-09-30', cppr_cp_review_meeting_id='MR072', cppr_cp_review_outcome_continue_cp='N', cppr_cp_review_quorate='Y', cppr_cp_review_participation='PN0')
for i, d in enumerate(['2024-02-01','2024-02-13','2024-02-23']): visit('ssd_cp_visits','',f'CPV07{i+1}','CH0007',d, plan='CPP07')
invo('CH0007','W03','Allocated Social Worker','T30','2024-01-04','2024-10-15', ref='R0007')

# CH0008: a partial history: the conference names an enquiry from before this extract.
referral('R0008','CH0008','2024-04-02','N1','3B',refout())
add('ssd_initial_cp_conference', icpc_icpc_id='ICPC08', icpc_icpc_meeting_id='M0008', icpc_s47_enquiry_id='S-OLD-08', icpc_person_id='CH0008', icpc_cp_plan_id='', icpc_referral_id='R0008', icpc_icpc_transfer_in='Y', icpc_icpc_target_date='', icpc_icpc_date='2024-04-10', icpc_icpc_outcome_cp_flag='N', icpc_icpc_outcome_json='', icpc_icpc_team='T30', icpc_icpc_worker_id='W02')

# CH0009: contacts only (advice given; no referral).
contact('C0091','CH0009','2024-02-19','1D',conout('ADVICE_FLAG'))
contact('C0092','CH0009','31/05/2024','4',conout('NFA_FLAG'))

# CH0010: a re-referral: the first episode closed, the second open with an assessment under way.
referral('R0101','CH0010','2023-03-01','N5','3A',refout('SINGLE_ASSESSMENT_FLAG'), close_reason='RC9', close_date='2023-04-20')
assessment('A0101','CH0010','R0101','2023-03-02','2023-04-14', nfa='Y')
referral('R0102','CH0010','2024-05-07','N5','3A',refout('SINGLE_ASSESSMENT_FLAG'))
assessment('A0102','CH0010','R0102','2024-05-08')
invo('CH0010','W01','Allocated Social Worker','T20','2023-03-02','2023-04-20', ref='R0101')
invo('CH0010','W01','Allocated Social Worker','T20','2024-05-08', ref='R0102')

# CH0011: looked after; the allocated worker was absent and the case waited ten days for another.
referral('R0011','CH0011','2024-01-22','N6','1A',refout('CLA_REQUEST_FLAG'))
add('ssd_legal_status', lega_legal_status_id='LS111', lega_person_id='CH0011', lega_legal_status='V2', lega_legal_status_start_date='2024-01-24', lega_legal_status_end_date='')
add('ssd_cla_episodes', clae_cla_episode_id='E111', clae_person_id='CH0011', clae_cla_episode_start_date='2024-01-24', clae_cla_episode_start_reason='S', clae_cla_primary_need_code='N6', clae_cla_episode_ceased_date='', clae_cla_episode_ceased_reason='', clae_cla_id='CLA11', clae_referral_id='R0011', clae_cla_placement_id='P111', clae_entered_care_date='2024-01-24', clae_cla_last_iro_contact_date='')
add('ssd_cla_placement', clap_cla_placement_id='P111', clap_cla_placement_start_date='2024-01-24', clap_cla_placement_type='U3', clap_cla_placement_urn='', clap_cla_placement_distance='1.1', clap_cla_id='CLA11', clap_cla_placement_provider='PR1', clap_cla_placement_postcode='AB5 6GH', clap_cla_placement_end_date='', clap_cla_placement_change_reason='', clap_person_id='CH0011')
for i, d in enumerate(['2024-01-29','2024-03-20']): visit('ssd_cla_visits','',f'CLV11{i+1}','CH0011',d, plan='CLA11')
invo('CH0011','W05','Allocated Social Worker','T40','2024-01-22','2024-05-31', ref='R0011')
invo('CH0011','W04','Allocated Social Worker','T40','2024-06-10', reason='ABSENC', ref='R0011')

# CH0012: a CIN plan that ended when the case closed.
referral('R0012','CH0012','2024-02-05','N3','6',refout('SINGLE_ASSESSMENT_FLAG'), close_reason='RC7', close_date='2024-08-01')
assessment('A0012','CH0012','R0012','2024-02-06','2024-03-01')
add('ssd_cin_plans', cinp_cin_plan_id='CINP12', cinp_referral_id='R0012', cinp_person_id='CH0012', cinp_cin_plan_start_date='2024-03-08', cinp_cin_plan_end_date='2024-08-01', cinp_cin_plan_team='T20', cinp_cin_plan_worker_id='W01')
for i, d in enumerate(['2024-03-22','2024-05-02','2024-06-13']): visit('ssd_cin_visits','',f'CINV12{i+1}','CH0012',d)
invo('CH0012','W01','Allocated Social Worker','T20','2024-02-06','2024-08-01', ref='R0012')

out = HERE
for t, rows in T.items():
    with open(os.path.join(out, t + '.csv'), 'w', newline='') as f:
        w = csv.DictWriter(f, fieldnames=cols[t], lineterminator='\n')
        w.writeheader()
        for r in rows: w.writerow({k: r.get(k, '') for k in cols[t]})
print({t: len(r) for t, r in T.items()})
