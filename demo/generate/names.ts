// Names for the demo school's pupils, staff and streets: a mix reflecting England's school
// population (popular names in ONS baby-name lists of the 2010s and 2020s, and common surnames
// of English, Scottish, Welsh, Irish, South Asian, African, Caribbean, Polish and other heritages).
// All invented combinations: no real pupil is described.

export const names = {
  female: [
    'Olivia', 'Amelia', 'Isla', 'Ava', 'Mia', 'Ivy', 'Lily', 'Isabella', 'Rosie', 'Sophia', 'Grace',
    'Freya', 'Willow', 'Florence', 'Emily', 'Ella', 'Poppy', 'Evie', 'Elsie', 'Charlotte', 'Evelyn',
    'Sienna', 'Daisy', 'Phoebe', 'Sofia', 'Alice', 'Harper', 'Matilda', 'Ruby', 'Emilia', 'Maya',
    'Millie', 'Isabelle', 'Eliza', 'Chloe', 'Esme', 'Aria', 'Hallie', 'Layla', 'Maryam', 'Aisha',
    'Zara', 'Fatima', 'Amira', 'Hafsa', 'Inaya', 'Anaya', 'Priya', 'Simran', 'Nia', 'Ffion', 'Seren',
    'Cerys', 'Eilidh', 'Niamh', 'Aoife', 'Siobhan', 'Zofia', 'Julia', 'Lena', 'Amara', 'Chioma',
    'Adaeze', 'Temi', 'Imani', 'Keisha', 'Jasmine', 'Leah', 'Hannah', 'Megan', 'Jessica', 'Lucy',
    'Holly', 'Katie', 'Abigail', 'Bethany', 'Georgia', 'Scarlett', 'Molly', 'Thea', 'Nancy', 'Iris',
    'Hazel', 'Beatrice', 'Edith', 'Mabel', 'Aurora', 'Ada', 'Elena', 'Yasmin', 'Mariam', 'Khadija',
    'Ayesha', 'Sana', 'Hana', 'Mei', 'Lan', 'Tia', 'Kacey', 'Demi', 'Paige', 'Courtney', 'Roxanne',
  ],
  male: [
    'Muhammad', 'Noah', 'Oliver', 'George', 'Arthur', 'Leo', 'Harry', 'Oscar', 'Archie', 'Henry',
    'Theodore', 'Freddie', 'Jack', 'Charlie', 'Theo', 'Alfie', 'Jacob', 'Thomas', 'Finley', 'Arlo',
    'William', 'Lucas', 'Roman', 'Tommy', 'Isaac', 'Teddy', 'Alexander', 'Luca', 'Edward', 'James',
    'Joshua', 'Albie', 'Elijah', 'Max', 'Mohammed', 'Reggie', 'Hudson', 'Ronnie', 'Louie', 'Ezra',
    'Ibrahim', 'Yusuf', 'Zayn', 'Ayaan', 'Rayan', 'Hamza', 'Omar', 'Ali', 'Arjun', 'Rohan', 'Dev',
    'Harjit', 'Kieran', 'Callum', 'Euan', 'Fraser', 'Rhys', 'Dylan', 'Gethin', 'Owain', 'Cian',
    'Oisin', 'Conor', 'Jakub', 'Kacper', 'Szymon', 'Mateusz', 'Tobi', 'Chidi', 'Femi', 'Kwame',
    'Kofi', 'Tyrese', 'Jayden', 'Kai', 'Ethan', 'Daniel', 'Samuel', 'Benjamin', 'Joseph', 'Ryan',
    'Liam', 'Connor', 'Jordan', 'Bradley', 'Lewis', 'Nathan', 'Mason', 'Logan', 'Riley', 'Harrison',
    'Sebastian', 'Jude', 'Stanley', 'Frankie', 'Bobby', 'Jenson', 'Caleb', 'Aiden', 'Kayden', 'Tariq',
  ],
  surnames: [
    'Smith', 'Jones', 'Taylor', 'Brown', 'Williams', 'Wilson', 'Johnson', 'Davies', 'Robinson', 'Wright',
    'Thompson', 'Evans', 'Walker', 'White', 'Roberts', 'Green', 'Hall', 'Wood', 'Jackson', 'Clarke',
    'Patel', 'Khan', 'Lewis', 'James', 'Phillips', 'Mason', 'Mitchell', 'Rose', 'Davis', 'Rodriguez',
    'Cox', 'Alexander', 'Morgan', 'Moore', 'Mills', 'King', 'Baker', 'Harris', 'Hughes', 'Edwards',
    'Turner', 'Hill', 'Cooper', 'Ward', 'Morris', 'Clark', 'Harrison', 'Scott', 'Young', 'Allen',
    'Bennett', 'Carter', 'Parker', 'Price', 'Griffiths', 'Lloyd', 'Owen', 'Rees', 'Jenkins', 'Powell',
    'Macdonald', 'Campbell', 'Stewart', 'Murray', 'Fraser', 'Ross', "O'Brien", 'Murphy', 'Kelly',
    "O'Connor", 'Byrne', 'Doyle', 'Walsh', 'McCarthy', 'Hussain', 'Ahmed', 'Ali', 'Begum', 'Rahman',
    'Akhtar', 'Iqbal', 'Shah', 'Mahmood', 'Choudhury', 'Islam', 'Singh', 'Kaur', 'Sharma', 'Gill',
    'Mistry', 'Chauhan', 'Okafor', 'Adeyemi', 'Mensah', 'Owusu', 'Okoro', 'Adebayo', 'Campbell-Reid',
    'Nowak', 'Kowalski', 'Wiśniewski', 'Lewandowski', 'Kaczmarek', 'Popescu', 'Ionescu', 'Silva',
    'Santos', 'Nguyen', 'Chen', 'Wong', 'Li', 'Yilmaz', 'Demir', 'Hassan', 'Mohamed', 'Abdi', 'Farah',
    'Fletcher', 'Chapman', 'Holmes', 'Marshall', 'Booth', 'Barker', 'Holt', 'Shaw', 'Lee', 'Gray',
    'Webb', 'Knight', 'Spencer', 'Hunt', 'Palmer', 'Dixon', 'Stevens', 'Fox', 'Pearson', 'Andrews',
    'Atkinson', 'Burton', 'Dawson', 'Ellis', 'Gibson', 'Hudson', 'Kemp', 'Lamb', 'Nash', 'Pritchard',
  ],
  streets: [
    'Church Street', 'High Street', 'Victoria Road', 'Station Road', 'Mill Lane', 'Park Avenue',
    'Queens Road', 'Kings Road', 'Oak Close', 'Elm Grove', 'Meadow Way', 'Orchard Drive', 'Chapel Lane',
    'York Road', 'Albert Street', 'Manor Road', 'Green Lane', 'Springfield Road', 'The Crescent',
    'Windsor Close', 'Beech Avenue', 'Cedar Court', 'Willow Walk', 'Brook Street', 'Castle View',
    'Nelson Terrace', 'Moorland Road', 'Ashfield Road', 'Rowan Drive', 'Heather Close',
  ],
  /** The school's town: a fictional Midlands town with an unused postcode area (AS is not a real one). */
  town: 'Ashbrook',
  postcodeArea: 'AS',
} as const;
