import { Column } from 'typeorm';

/** The person the dossier is for, as declared at intake. */
export class Applicant {
  @Column({ type: 'text' })
  idNumber: string;

  @Column({ type: 'text' })
  fullName: string;

  @Column({ type: 'date' })
  dateOfBirth: string;

  @Column({ type: 'text', nullable: true })
  sex: string | null;

  @Column({ type: 'text', nullable: true })
  phone: string | null;

  @Column({ type: 'text', nullable: true })
  email: string | null;

  @Column({ type: 'text', nullable: true })
  address: string | null;
}
