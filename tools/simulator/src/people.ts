/** Names and teams the simulated people are made from (shared by every vendor). */

export const TEAMS = [
  { id: 11, name: 'Customer Service' },
  { id: 12, name: 'Sales' },
  { id: 13, name: 'Billing' },
  { id: 14, name: 'Technical Support' },
  { id: 15, name: 'Retention' },
  { id: 16, name: 'Back Office' },
];

export const FIRST_NAMES = [
  'Amelia', 'Oliver', 'Isla', 'George', 'Ava', 'Noah', 'Mia', 'Arthur', 'Ivy', 'Leo',
  'Freya', 'Oscar', 'Lily', 'Harry', 'Sophia', 'Jack', 'Grace', 'Charlie', 'Ella', 'Thomas',
  'Aisha', 'Mohammed', 'Priya', 'Arjun', 'Chloe', 'Lucas', 'Zara', 'Mateo', 'Nia', 'Kai',
  'Hannah', 'Daniel', 'Maya', 'Samuel', 'Elena', 'Tomasz', 'Ines', 'Yusuf', 'Sofia', 'Liam',
];

export const LAST_NAMES = [
  'Smith', 'Jones', 'Taylor', 'Brown', 'Williams', 'Wilson', 'Johnson', 'Davies', 'Patel', 'Robinson',
  'Wright', 'Thompson', 'Evans', 'Walker', 'White', 'Roberts', 'Green', 'Hall', 'Wood', 'Jackson',
  'Clarke', 'Khan', 'Singh', 'Nowak', 'Garcia', 'Silva', 'Murphy', "O'Brien", 'Kowalski', 'Okafor',
  'Nguyen', 'Ahmed', 'Lewis', 'Hughes', 'Edwards', 'Hill', 'Moore', 'Martin', 'Baker', 'Scott',
];
