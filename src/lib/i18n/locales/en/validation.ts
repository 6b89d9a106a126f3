import type { Messages } from '../../types';

export default {
  'validation.required': 'This field is required',
  'validation.tooShort': 'Enter at least {min} characters',
  'validation.tooLong': 'Enter at most {max} characters',
  'validation.exactLength': 'Enter exactly {length} characters',
  'validation.tooSmall': 'Must be at least {min}',
  'validation.greaterThan': 'Must be more than {min}',
  'validation.tooBig': 'Must be at most {max}',
  'validation.lessThan': 'Must be less than {max}',
  'validation.tooFew': 'Choose at least {min}',
  'validation.tooMany': 'Choose at most {max}',
  'validation.tooEarly': 'This date is too early',
  'validation.tooLate': 'This date is too late',
  'validation.number': 'Enter a number',
  'validation.integer': 'Enter a whole number',
  'validation.date': 'Enter a valid date',
  'validation.email': 'Enter a valid email address',
  'validation.url': 'Enter a valid web address',
  'validation.phone': 'Enter a valid phone number',
  'validation.format': 'This format is not valid',
  'validation.choose': 'Choose one of the options',
  'validation.multipleOf': 'Must be a multiple of {divisor}',
  'validation.invalid': 'This value is not valid'
} satisfies Messages;
