/** Every part a host can style with `service-hall::part(name)`; nested elements export them all up to the root. */
export const PARTS =
  'launcher,panel,header,hall,announcement,order-card,recommendation,action-tile,composer,input,send,suggestion,choice,notice,escalate,message,queue-status,action-form,ticket-form,rating,screenshot,past,past-continue,past-entry,thread,solved-prompt';
